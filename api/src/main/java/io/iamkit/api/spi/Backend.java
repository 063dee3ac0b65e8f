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
 * A way to realise a user in AWS. Implementations register in
 * {@code META-INF/services/io.iamkit.api.spi.Backend}, need a public no-argument constructor, and are
 * chosen by {@link #name()}. A backend never falls back to another one.
 *
 * <p>Contract for every operation: the user is valid; expected failures are returned as
 * {@link DeploymentError}s, never thrown; the secret access key appears in no event, log, error or
 * plan; progress goes to {@link BackendContext#listener()}.
 */
public interface Backend {

  /** The name users select the backend by, e.g. {@code direct}. Lower case, stable. */
  String name();

  /** Whether the backend can run here (its prerequisites exist), and why not. No AWS calls. */
  Availability availability();

  /** What an apply would change. Changes nothing. */
  Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user);

  /**
   * Makes AWS match the spec, then reads the user back from IAM and fails with
   * {@link DeploymentError.VerificationFailed} if it does not match. Idempotent.
   */
  Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user);

  /** The outputs of the deployed user; none when it is not deployed. Never the secret. */
  Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user);

  /** Differences between the spec and the live IAM state, including out-of-band additions. */
  Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user);

  /**
   * Removes the user and everything attached to it, out-of-band additions included, and any secret it
   * delivered. A user that is already gone is a success.
   */
  Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user);
}
