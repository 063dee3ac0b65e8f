package io.iamkit.api.spi;

import io.iamkit.api.Availability;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test backend registered through {@code META-INF/services} in the test resources. It records every
 * call in a static list (ServiceLoader makes the instance) and answers like a backend that creates
 * the user: one event pair per resource, a Secret on apply.
 */
public final class RecordingBackend implements Backend {
  public static final String NAME = "recording";
  /** The secret every apply hands over; tests look for it in text that must not contain it. */
  public static final String SECRET_VALUE = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  /** One call: operation name and the user's metadata name. */
  public record Call(String operation, String name) { }

  public static final java.util.List<Call> CALLS = new CopyOnWriteArrayList<>();

  /** When set, apply fails with this error (after reporting a failed resource). */
  public static volatile DeploymentError failApplyWith;

  public static void reset() {
    CALLS.clear();
    failApplyWith = null;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Availability availability() {
    return Availability.available();
  }

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user) {
    CALLS.add(new Call("preview", user.name()));
    return Either.right(Plan.of(user.userName(), Change.of(Change.Action.CREATE, ResourceKind.USER, user.userName())));
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    CALLS.add(new Call("apply", user.name()));
    var l = context.listener();
    String u = user.userName();
    l.onEvent(new ProgressEvent.Message(u, ProgressEvent.Message.Level.INFO, "applying " + u));
    l.onEvent(new ProgressEvent.ResourceStarted(u, ResourceKind.USER, u, Change.Action.CREATE));
    l.onEvent(new ProgressEvent.ResourceFinished(u, ResourceKind.USER, u, Change.Action.CREATE));
    l.onEvent(new ProgressEvent.ResourceStarted(u, ResourceKind.ACCESS_KEY, "AKIAEXAMPLE", Change.Action.CREATE));
    if (failApplyWith != null) {
      l.onEvent(new ProgressEvent.ResourceFailed(u, ResourceKind.ACCESS_KEY, "AKIAEXAMPLE", Change.Action.CREATE,
          failApplyWith.message()));
      return Either.left(failApplyWith);
    }
    l.onEvent(new ProgressEvent.ResourceFinished(u, ResourceKind.ACCESS_KEY, "AKIAEXAMPLE", Change.Action.CREATE));
    AwsIamUserOutputs outputs = outputsOf(u);
    Plan applied = Plan.of(u, Change.of(Change.Action.CREATE, ResourceKind.USER, u),
        Change.of(Change.Action.CREATE, ResourceKind.ACCESS_KEY, "AKIAEXAMPLE"));
    return Either.right(Deployment.of(outputs, applied).withSecret(Secret.of(SECRET_VALUE)));
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    CALLS.add(new Call("outputs", user.name()));
    return Either.right(Option.of(outputsOf(user.userName())));
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    CALLS.add(new Call("drift", user.name()));
    return Either.right(DriftReport.none(user.userName()));
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    CALLS.add(new Call("destroy", user.name()));
    return Either.right(DestroyReport.removed(user.userName(),
        List.of(new DestroyReport.Removed(ResourceKind.USER, user.userName(), false))));
  }

  private static AwsIamUserOutputs outputsOf(String userName) {
    return AwsIamUserOutputs.newBuilder()
        .setUserName(userName)
        .setUserArn("arn:aws:iam::123456789012:user/" + userName)
        .setUserId("AIDAEXAMPLE")
        .setAccessKeyId("AKIAEXAMPLE")
        .build();
  }
}
