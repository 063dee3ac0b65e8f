package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @AfterEach
  void clear() {
    System.clearProperty(Settings.LOCALSTACK_IMAGE);
    System.clearProperty(Settings.REGION);
  }

  @Test
  void localStackImageIsPinnedAndOverridable() {
    assumeTrue(System.getenv(Settings.LOCALSTACK_IMAGE_ENV) == null,
        Settings.LOCALSTACK_IMAGE_ENV + " is set in this environment");
    assertThat(Settings.localStackImage()).isEqualTo("localstack/localstack:4.14.0");
    System.setProperty(Settings.LOCALSTACK_IMAGE, "localstack/localstack-pro:2026.1");
    assertThat(Settings.localStackImage()).isEqualTo("localstack/localstack-pro:2026.1");
  }

  @Test
  void systemPropertyBeatsEnvironmentAndBlankMeansUnset() {
    System.setProperty(Settings.REGION, "eu-central-1");
    assertThat(Settings.region()).isEqualTo("eu-central-1");
    System.setProperty(Settings.REGION, "  ");
    assertThat(Settings.get(Settings.REGION, null)).isEmpty();
  }

  @Test
  void logsGoUnderTheModuleTarget() {
    assertThat(Settings.logDir().toString()).endsWith("target/emulator-logs");
  }
}
