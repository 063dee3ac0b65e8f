package io.iamkit.api;

import io.iamkit.model.ValidationOptions;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings for operations.
 *
 * @param timeout           how long one operation on one user may take; backends enforce it and return
 *                          {@link DeploymentError.Timeout} when it passes
 * @param validation        account limits used when validating specs
 * @param stateDirectory    where a backend that keeps local state (pulumi) keeps it; none: its default
 * @param backendProperties backend-specific settings, keys prefixed by the backend's name
 *                          (e.g. {@code pulumi.passphrase-env})
 */
public record DeployOptions(
    Duration timeout, ValidationOptions validation, Option<Path> stateDirectory, Map<String, String> backendProperties) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public DeployOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(stateDirectory, "stateDirectory");
    Objects.requireNonNull(backendProperties, "backendProperties");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  public static DeployOptions defaults() {
    return new DeployOptions(DEFAULT_TIMEOUT, ValidationOptions.defaults(), Option.none(), HashMap.empty());
  }

  public DeployOptions withTimeout(Duration timeout) {
    return new DeployOptions(timeout, validation, stateDirectory, backendProperties);
  }

  public DeployOptions withValidation(ValidationOptions validation) {
    return new DeployOptions(timeout, validation, stateDirectory, backendProperties);
  }

  public DeployOptions withStateDirectory(Path stateDirectory) {
    return new DeployOptions(timeout, validation, Option.of(stateDirectory), backendProperties);
  }

  public DeployOptions withBackendProperty(String key, String value) {
    return new DeployOptions(timeout, validation, stateDirectory, backendProperties.put(key, value));
  }

  /** A backend-specific setting. */
  public Option<String> backendProperty(String key) {
    return backendProperties.get(key);
  }
}
