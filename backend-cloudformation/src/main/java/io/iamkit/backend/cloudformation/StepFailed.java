package io.iamkit.backend.cloudformation;

import io.iamkit.api.DeploymentError;

/** Carries an expected failure from deep inside an operation to its entry point, where it becomes a value. */
final class StepFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DeploymentError error;

  StepFailed(DeploymentError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  DeploymentError error() {
    return error;
  }
}
