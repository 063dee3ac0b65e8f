package io.iamkit.backend.cloudformation;

import io.iamkit.api.DeploymentError;
import java.time.Duration;
import java.util.Objects;

/**
 * The end of one operation's time budget ({@code DeployOptions.timeout()}). Waits for
 * CloudFormation sleep through it and fail with {@link DeploymentError.Timeout} once it has passed.
 */
final class Deadline {
  private final Duration timeout;
  private final long endNanos;

  private Deadline(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.endNanos = System.nanoTime() + timeout.toNanos();
  }

  static Deadline after(Duration timeout) {
    return new Deadline(timeout);
  }

  Duration timeout() {
    return timeout;
  }

  boolean passed() {
    return System.nanoTime() - endNanos >= 0;
  }

  /**
   * Sleeps {@code pause} (less if the deadline comes first).
   *
   * @throws StepFailed with {@link DeploymentError.Timeout} naming {@code waitingFor} when the
   *     deadline has passed
   */
  void pause(Duration pause, String waitingFor) {
    if (passed()) {
      throw new StepFailed(new DeploymentError.Timeout(waitingFor, timeout));
    }
    long left = endNanos - System.nanoTime();
    long nanos = Math.max(0, Math.min(pause.toNanos(), left));
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + waitingFor, e);
    }
  }
}
