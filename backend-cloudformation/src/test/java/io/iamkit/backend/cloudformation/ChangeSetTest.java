package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;

class ChangeSetTest {
  private static ChangeSet of(String status, String reason, List<Change> changes) {
    return new ChangeSet(Option.of("arn"), "stack", ChangeSetType.UPDATE, status, reason, changes);
  }

  @Test
  void noChangesIsEmptyHoweverTheServiceSaysIt() {
    assertThat(of("FAILED", "The submitted information didn't contain changes. Submit different information to "
        + "create a change set.", List.of()).empty()).isTrue();
    assertThat(of("FAILED", "No updates are to be performed.", List.of()).empty()).isTrue();
    assertThat(of("CREATE_COMPLETE", "", List.of()).empty()).as("moto's complete change set with nothing in it")
        .isTrue();
    assertThat(of("FAILED", "No updates are to be performed.", List.of()).failed()).isFalse();
  }

  @Test
  void anyOtherFailureIsAFailureAndAChangeIsNotEmpty() {
    ChangeSet refused = of("FAILED", "Template format error: Unresolved resource dependencies [X]", List.of());
    assertThat(refused.failed()).isTrue();
    assertThat(refused.empty()).isFalse();
    ChangeSet one = of("CREATE_COMPLETE", "", List.of(Change.builder().build()));
    assertThat(one.empty()).isFalse();
    assertThat(one.failed()).isFalse();
  }
}
