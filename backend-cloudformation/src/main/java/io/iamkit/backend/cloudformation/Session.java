package io.iamkit.backend.cloudformation;

import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.iamkit.live.EventualConsistency;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One operation on one user: the clients, the listener, the deadline, and the wrapping every call
 * of the backend's own gets (progress events, a log line, bounded retries of IAM's eventual
 * consistency, AWS errors turned into {@link DeploymentError.RejectedByAws} naming the operation,
 * the resource and the user).
 */
final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  final BackendContext context;
  final ValidatedUser user;
  final Clients clients;
  final EventualConsistency consistency;
  final Deadline deadline;

  Session(BackendContext context, ValidatedUser user, Clients clients, EventualConsistency consistency) {
    this.context = context;
    this.user = user;
    this.clients = clients;
    this.consistency = consistency;
    this.deadline = Deadline.after(context.options().timeout());
  }

  String userName() {
    return user.userName();
  }

  String stackName() {
    return TemplateSynthesizer.stackName(user.user());
  }

  void message(ProgressEvent.Message.Level level, String text) {
    if (level == ProgressEvent.Message.Level.WARN) {
      LOG.warn("{}: {}", userName(), text);
    } else {
      LOG.info("{}: {}", userName(), text);
    }
    emit(new ProgressEvent.Message(userName(), level, text));
  }

  void emit(ProgressEvent event) {
    context.listener().onEvent(event);
  }

  /**
   * A mutating IAM call of the backend's own: started/finished/failed events, and IAM's eventual
   * consistency retried within bounds. Throttling is retried by the clients themselves.
   */
  <T> T step(String operation, ResourceKind kind, String resource, Change.Action action, Supplier<T> call) {
    emit(new ProgressEvent.ResourceStarted(userName(), kind, resource, action));
    LOG.info("{} {} {} ({}) of user {}", operation, kind, resource, action, userName());
    try {
      T result = consistency.call(call);
      emit(new ProgressEvent.ResourceFinished(userName(), kind, resource, action));
      return result;
    } catch (AwsServiceException e) {
      DeploymentError error = rejected(operation, resource, e);
      emit(new ProgressEvent.ResourceFailed(userName(), kind, resource, action, error.message()));
      throw new StepFailed(error);
    }
  }

  void step(String operation, ResourceKind kind, String resource, Change.Action action, Runnable call) {
    step(operation, kind, resource, action, () -> {
      call.run();
      return null;
    });
  }

  /** A read: no events; an AWS error becomes {@link DeploymentError.RejectedByAws}. */
  <T> T read(String operation, String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw new StepFailed(rejected(operation, resource, e));
    }
  }

  DeploymentError.RejectedByAws rejected(String operation, String resource, AwsServiceException e) {
    return new DeploymentError.RejectedByAws(errorCode(e),
        resource + " (" + operation + ", user " + userName() + ")", errorMessage(e));
  }

  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
  }

  static String errorMessage(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
  }
}
