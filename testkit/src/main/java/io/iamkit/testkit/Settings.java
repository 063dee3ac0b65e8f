package io.iamkit.testkit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The testkit's configuration: each setting is read from a system property, else from an
 * environment variable.
 */
final class Settings {

  static final String EMULATOR = "iamkit.emulator";
  static final String EMULATOR_ENV = "IAMKIT_EMULATOR";
  static final String ENDPOINT = "iamkit.emulator.endpoint";
  static final String ENDPOINT_ENV = "IAMKIT_EMULATOR_ENDPOINT";
  static final String REGION = "iamkit.emulator.region";
  static final String REGION_ENV = "IAMKIT_EMULATOR_REGION";
  static final String LOCALSTACK_IMAGE = "iamkit.localstack.image";
  static final String LOCALSTACK_IMAGE_ENV = "IAMKIT_LOCALSTACK_IMAGE";
  static final String MOTO_COMMAND = "iamkit.moto.command";
  static final String MOTO_COMMAND_ENV = "IAMKIT_MOTO_COMMAND";
  static final String LOG_DIR = "iamkit.emulator.logDir";
  static final String REPO_ROOT = "iamkit.repoRoot";

  static final String DEFAULT_REGION = "us-east-1";
  static final String DEFAULT_LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";

  private Settings() {}

  static Optional<String> get(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = env == null ? null : System.getenv(env);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  static String region() {
    return get(REGION, REGION_ENV).orElse(DEFAULT_REGION);
  }

  static String localStackImage() {
    return get(LOCALSTACK_IMAGE, LOCALSTACK_IMAGE_ENV).orElse(DEFAULT_LOCALSTACK_IMAGE);
  }

  /** Emulator logs go under the module's {@code target/} (Maven runs tests in the module dir). */
  static Path logDir() {
    return get(LOG_DIR, null).map(Path::of)
        .orElse(Path.of("target", "emulator-logs")).toAbsolutePath();
  }

  /** The repository root: the nearest directory upwards that holds scripts/install-moto.sh. */
  static Optional<Path> repoRoot() {
    Optional<String> explicit = get(REPO_ROOT, null);
    if (explicit.isPresent()) {
      return explicit.map(Path::of).map(Path::toAbsolutePath);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (dir.resolve("scripts").resolve("install-moto.sh").toFile().isFile()) {
        return Optional.of(dir);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }
}
