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

/** A registered backend whose constructor fails, as one with a missing prerequisite class might. */
public final class BrokenTestBackend implements Backend {
  static final String FAILURE = "broken on purpose: its prerequisites are missing";

  public BrokenTestBackend() {
    throw new IllegalStateException(FAILURE);
  }

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public Availability availability() {
    return Availability.available();
  }

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user) {
    throw new AssertionError("never constructed");
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    throw new AssertionError("never constructed");
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    throw new AssertionError("never constructed");
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    throw new AssertionError("never constructed");
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    throw new AssertionError("never constructed");
  }
}
