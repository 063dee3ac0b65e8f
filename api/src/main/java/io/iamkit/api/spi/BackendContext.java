package io.iamkit.api.spi;

import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.ProgressListener;
import java.util.Objects;

/**
 * What a backend gets besides the user: where to deploy, whom to tell about progress, and settings.
 */
public record BackendContext(AwsTarget target, ProgressListener listener, DeployOptions options) {
  public BackendContext {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(options, "options");
  }
}
