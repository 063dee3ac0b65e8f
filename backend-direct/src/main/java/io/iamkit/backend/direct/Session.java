package io.iamkit.backend.direct;

import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.live.EventualConsistency;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One operation on one user: the clients, the listener, and the wrapping every AWS call gets
 * (the operation's deadline, progress events, a log line, bounded retries, and AWS errors turned
 * into {@link DeploymentError.RejectedByAws} naming the operation, the resource and the user).
 */
final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  final BackendContext context;
  final ValidatedUser user;
  final Clients clients;
  final EventualConsistency consistency;
  private final Instant deadline;

  /** @param deadline when the operation must end: its start plus {@code DeployOptions.timeout()} */
  Session(BackendContext context, ValidatedUser user, Clients clients, EventualConsistency consistency,
      Instant deadline) {
    this.context = context;
    this.user = user;
    this.clients = clients;
    this.consistency = consistency;
    this.deadline = deadline;
  }

  /**
   * {@code DeployOptions.timeout()} is enforced between AWS calls: once it has passed, the next read
   * or step ends the operation with {@link DeploymentError.Timeout} (a call already sent is not
   * interrupted; the SDK's own retries are bounded).
   */
  private void checkDeadline(String operation, String resource) {
    if (Instant.now().isAfter(deadline)) {
      throw new StepFailed(new DeploymentError.Timeout(
          operation + " " + resource + " of user " + userName(), context.options().timeout()));
    }
  }

  String userName() {
    return user.userName();
  }

  void message(ProgressEvent.Message.Level level, String text) {
    context.listener().onEvent(new ProgressEvent.Message(userName(), level, text));
  }

  /**
   * A mutating step: started/finished/failed events, and IAM's eventual consistency
   * ({@code NoSuchEntity}, {@code ConcurrentModification} right after a create) retried within bounds.
   * Throttling is retried by the clients themselves.
   */
  <T> T step(String operation, ResourceKind kind, String resource, Change.Action action, Supplier<T> call) {
    checkDeadline(operation, resource);
    context.listener().onEvent(new ProgressEvent.ResourceStarted(userName(), kind, resource, action));
    LOG.info("{} {} {} ({}) of user {}", operation, kind, resource, action, userName());
    try {
      T result = consistency.call(call);
      context.listener().onEvent(new ProgressEvent.ResourceFinished(userName(), kind, resource, action));
      return result;
    } catch (AwsServiceException e) {
      DeploymentError error = rejected(operation, resource, e);
      context.listener().onEvent(new ProgressEvent.ResourceFailed(userName(), kind, resource, action, error.message()));
      throw new StepFailed(error);
    } catch (SdkException e) {
      DeploymentError error = unreachable(operation, resource, e);
      context.listener().onEvent(new ProgressEvent.ResourceFailed(userName(), kind, resource, action, error.message()));
      throw new StepFailed(error);
    }
  }

  /** A mutating step that returns nothing. */
  void step(String operation, ResourceKind kind, String resource, Change.Action action, Runnable call) {
    step(operation, kind, resource, action, () -> {
      call.run();
      return null;
    });
  }

  /** A read: no events; an AWS error becomes {@link DeploymentError.RejectedByAws}. */
  <T> T read(String operation, String resource, Supplier<T> call) {
    checkDeadline(operation, resource);
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw new StepFailed(rejected(operation, resource, e));
    } catch (SdkException e) {
      throw new StepFailed(unreachable(operation, resource, e));
    }
  }

  DeploymentError.RejectedByAws rejected(String operation, String resource, AwsServiceException e) {
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
    String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
    return new DeploymentError.RejectedByAws(code,
        resource + " (" + operation + ", user " + userName() + ")", detail);
  }

  /**
   * A call that got no answer from AWS (connection refused or reset, timeout): names the operation,
   * the resource and the user, as {@link #rejected} does for an answer, so a failure mid-apply or
   * mid-destroy says where it stopped.
   */
  DeploymentError.BackendFailed unreachable(String operation, String resource, SdkException e) {
    return new DeploymentError.BackendFailed(DirectBackend.NAME,
        operation + " " + resource + " of user " + userName() + ": " + e.getMessage());
  }

  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }
}
