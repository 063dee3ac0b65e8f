package io.iamkit.api.spi;

import io.iamkit.api.Availability;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A registered backend whose prerequisite is missing; any call to an operation is a test failure.
 * Not final: {@link BrokenTestBackend} reuses it.
 */
public class UnavailableTestBackend implements Backend {
  public static final String NAME = "needs-tool";
  public static final String REASON = "the needs-tool CLI is not on PATH";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Availability availability() {
    return Availability.unavailable(REASON);
  }

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user) {
    throw new AssertionError("an unavailable backend must not be called");
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    throw new AssertionError("an unavailable backend must not be called");
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    throw new AssertionError("an unavailable backend must not be called");
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    throw new AssertionError("an unavailable backend must not be called");
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    throw new AssertionError("an unavailable backend must not be called");
  }
}
