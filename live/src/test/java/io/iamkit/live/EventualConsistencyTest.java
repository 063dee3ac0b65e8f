package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.iam.model.ConcurrentModificationException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

class EventualConsistencyTest {

  private final EventualConsistency fast = EventualConsistency.of(4, BackoffStrategy.retryImmediately());

  private static NoSuchEntityException noSuchEntity() {
    return NoSuchEntityException.builder().message("The user with name x cannot be found.")
        .build();
  }

  @Test
  void retriesNoSuchEntityUntilTheEntityShowsUp() {
    AtomicInteger calls = new AtomicInteger();
    String result = fast.call(() -> {
      if (calls.incrementAndGet() < 3) {
        throw noSuchEntity();
      }
      return "found";
    });
    assertThat(result).isEqualTo("found");
    assertThat(calls).hasValue(3);
  }

  @Test
  void givesUpAfterTheBoundAndRethrowsTheLastError() {
    AtomicInteger calls = new AtomicInteger();
    NoSuchEntityException last = noSuchEntity();
    assertThatThrownBy(() -> fast.call(() -> {
      calls.incrementAndGet();
      throw last;
    })).isSameAs(last);
    assertThat(calls).hasValue(4);
  }

  @Test
  void otherErrorsAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> fast.call(() -> {
      calls.incrementAndGet();
      throw EntityAlreadyExistsException.builder().message("exists").build();
    })).isInstanceOf(EntityAlreadyExistsException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void recognisesConsistencyErrorsByTypeAndByErrorCode() {
    assertThat(EventualConsistency.isEventualConsistencyError(noSuchEntity())).isTrue();
    assertThat(EventualConsistency.isEventualConsistencyError(
        ConcurrentModificationException.builder().build())).isTrue();
    AwsServiceException generic = AwsServiceException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchEntity").build()).build();
    assertThat(EventualConsistency.isEventualConsistencyError(generic)).isTrue();
    AwsServiceException throttled = AwsServiceException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
    assertThat(EventualConsistency.isEventualConsistencyError(throttled)).isFalse();
    assertThat(EventualConsistency.isEventualConsistencyError(new IllegalStateException()))
        .isFalse();
  }

  @Test
  void defaultBoundIsFinite() {
    assertThat(EventualConsistency.DEFAULT.maxAttempts()).isBetween(2, 20);
    assertThatThrownBy(() -> EventualConsistency.of(0, BackoffStrategy.retryImmediately()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
