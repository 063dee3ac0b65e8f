package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.model.Stack;

class StackStateTest {

  @ParameterizedTest
  @CsvSource({
      "CREATE_COMPLETE, DEPLOYED", "UPDATE_COMPLETE, DEPLOYED", "UPDATE_ROLLBACK_COMPLETE, DEPLOYED",
      "IMPORT_COMPLETE, DEPLOYED",
      "REVIEW_IN_PROGRESS, REPLACEABLE", "ROLLBACK_COMPLETE, REPLACEABLE", "ROLLBACK_FAILED, REPLACEABLE",
      "CREATE_FAILED, REPLACEABLE",
      "CREATE_IN_PROGRESS, BUSY", "UPDATE_IN_PROGRESS, BUSY", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, BUSY",
      "DELETE_IN_PROGRESS, BUSY", "ROLLBACK_IN_PROGRESS, BUSY",
      "DELETE_FAILED, STUCK", "UPDATE_ROLLBACK_FAILED, STUCK", "UPDATE_FAILED, STUCK",
      "DELETE_COMPLETE, ABSENT", "SOME_FUTURE_IN_PROGRESS, BUSY", "SOME_FUTURE_STATE, STUCK"})
  void statusDecidesWhatTheNextOperationDoes(String status, StackState expected) {
    assertThat(StackState.of(Stack.builder().stackStatus(status).build())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"ABSENT"})
  void noStackIsAbsent(StackState expected) {
    assertThat(StackState.of(null)).isEqualTo(expected);
  }
}
