package io.iamkit.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * An emulator that is already running, at the endpoint given by {@code -Diamkit.emulator.endpoint}
 * or {@code IAMKIT_EMULATOR_ENDPOINT} (region from {@code iamkit.emulator.region} /
 * {@code IAMKIT_EMULATOR_REGION}, default us-east-1). The testkit neither starts nor stops it.
 */
final class ExternalEmulator extends BaseEmulator {

  private ExternalEmulator(URI endpoint, Region region) {
    super(EmulatorKind.EXTERNAL, endpoint, region, Duration.ZERO);
  }

  static Optional<String> configuredEndpoint() {
    return Settings.get(Settings.ENDPOINT, Settings.ENDPOINT_ENV);
  }

  static ExternalEmulator connect() {
    String value = configuredEndpoint().orElseThrow(() -> new EmulatorUnavailableException(
        "external emulator chosen but no endpoint given: set " + Settings.ENDPOINT_ENV
            + " or -D" + Settings.ENDPOINT + " (for example http://127.0.0.1:4566)"));
    URI endpoint;
    try {
      endpoint = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new EmulatorUnavailableException("invalid emulator endpoint '" + value + "'", e);
    }
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      throw new EmulatorUnavailableException(
          "emulator endpoint '" + value + "' must be an absolute http(s) URL");
    }
    long t0 = System.nanoTime();
    ExternalEmulator emulator = new ExternalEmulator(endpoint, Region.of(Settings.region()));
    try {
      emulator.iam().listUsers(r -> r.maxItems(1));
    } catch (RuntimeException e) {
      emulator.close();
      throw new EmulatorUnavailableException(
          "external emulator at " + endpoint + " does not answer IAM: " + e.getMessage(), e);
    }
    emulator.startedIn(Duration.ofNanos(System.nanoTime() - t0));
    return emulator;
  }

  @Override
  void stop() {
    // not ours to stop
  }
}
