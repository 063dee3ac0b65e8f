package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamkit.api.DeploymentError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void aWaitAfterTheDeadlineIsATimeoutNamingWhatWasAwaited() throws InterruptedException {
    Deadline deadline = Deadline.after(Duration.ofMillis(1));
    Thread.sleep(5);
    assertThat(deadline.passed()).isTrue();
    assertThatThrownBy(() -> deadline.pause(Duration.ofSeconds(1), "stack iamkit-x (still UPDATE_IN_PROGRESS)"))
        .isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.error()).isEqualTo(
            new DeploymentError.Timeout("stack iamkit-x (still UPDATE_IN_PROGRESS)", Duration.ofMillis(1))));
  }

  @Test
  void aWaitBeforeTheDeadlineReturns() {
    Deadline deadline = Deadline.after(Duration.ofMinutes(1));
    deadline.pause(Duration.ofMillis(1), "nothing");
    assertThat(deadline.passed()).isFalse();
    assertThat(deadline.timeout()).isEqualTo(Duration.ofMinutes(1));
  }
}
