package io.iamkit.live;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.iam.model.ConcurrentModificationException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Retries a call that can fail only because IAM has not caught up yet: {@code NoSuchEntity} for an
 * entity that was just created, or {@code ConcurrentModification}. Attempts are bounded and spaced
 * by the SDK's jittered exponential {@link BackoffStrategy}; after the last attempt the error is
 * rethrown unchanged.
 *
 * <p>Use it only where the entity is known to exist (right after a create). Where absence is a
 * normal answer, call without it.
 */
public final class EventualConsistency {

  private static final Logger LOG = LoggerFactory.getLogger(EventualConsistency.class);

  /** Defaults: 8 attempts, 200 ms base delay, 3 s cap (about 10 s at most in total). */
  public static final EventualConsistency DEFAULT =
      new EventualConsistency(8, BackoffStrategy.exponentialDelay(Duration.ofMillis(200),
          Duration.ofSeconds(3)));

  private final int maxAttempts;
  private final BackoffStrategy backoff;

  private EventualConsistency(int maxAttempts, BackoffStrategy backoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** A policy with the given bound on attempts (first call included) and backoff between them. */
  public static EventualConsistency of(int maxAttempts, BackoffStrategy backoff) {
    return new EventualConsistency(maxAttempts, backoff);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public BackoffStrategy backoff() {
    return backoff;
  }

  /** Whether an error is one that IAM's eventual consistency explains. */
  public static boolean isEventualConsistencyError(Throwable t) {
    if (t instanceof NoSuchEntityException || t instanceof ConcurrentModificationException) {
      return true;
    }
    if (t instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      String code = ase.awsErrorDetails().errorCode();
      return "NoSuchEntity".equals(code) || "ConcurrentModification".equals(code);
    }
    return false;
  }

  /** Runs {@code call}, retrying IAM eventual-consistency errors within the bound. */
  public <T> T call(Supplier<T> call) {
    return call(call, EventualConsistency::isEventualConsistencyError);
  }

  /** Runs {@code call}, retrying errors that {@code retryable} accepts, within the bound. */
  public <T> T call(Supplier<T> call, Predicate<? super RuntimeException> retryable) {
    Objects.requireNonNull(call, "call");
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= maxAttempts || !retryable.test(e)) {
          throw e;
        }
        Duration delay = backoff.computeDelay(attempt);
        LOG.debug("IAM not consistent yet (attempt {}/{}): {}; retrying in {} ms", attempt,
            maxAttempts, e.getClass().getSimpleName(), delay.toMillis());
        sleep(delay);
      }
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for IAM to become consistent", ie);
    }
  }
}
