package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link AwsEmulators#start()} picks an emulator; settings given as system properties. */
class EmulatorSelectionIT {

  private static final List<String> SETTINGS =
      List.of(Settings.EMULATOR, Settings.ENDPOINT, Settings.MOTO_COMMAND);
  private final Map<String, String> before = new HashMap<>();

  /**
   * The build may select an emulator for the whole run (-Diamkit.emulator=...): the shared one is
   * started with that choice first, then the settings are kept aside for these tests.
   */
  @BeforeEach
  void saveAndClear() {
    AwsEmulators.shared();
    for (String key : SETTINGS) {
      String value = System.clearProperty(key);
      if (value != null) {
        before.put(key, value);
      }
    }
  }

  /** Restores what the build had set, so later test classes run against the emulator it chose. */
  @AfterEach
  void restore() {
    for (String key : SETTINGS) {
      String value = before.get(key);
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    }
  }

  @Test
  void autoPrefersAnExternalEndpoint() {
    AwsEmulator running = AwsEmulators.shared();
    System.setProperty(Settings.ENDPOINT, running.endpoint().toString());
    try (AwsEmulator external = AwsEmulators.start()) {
      assertThat(external.kind()).isEqualTo(EmulatorKind.EXTERNAL);
      assertThat(external.endpoint()).isEqualTo(running.endpoint());
      String user = UniqueNames.user("sel-ext");
      external.iam().createUser(r -> r.userName(user));
      assertThat(running.iam().getUser(r -> r.userName(user)).user().userName()).isEqualTo(user);
    }
    // closing an external emulator leaves the server running
    assertThat(running.iam().listUsers().users()).isNotEmpty();
  }

  @Test
  void explicitChoiceWins() {
    System.setProperty(Settings.EMULATOR, "moto");
    System.setProperty(Settings.ENDPOINT, AwsEmulators.shared().endpoint().toString());
    try (AwsEmulator moto = AwsEmulators.start()) {
      assertThat(moto.kind()).isEqualTo(EmulatorKind.MOTO);
      assertThat(moto.endpoint()).isNotEqualTo(AwsEmulators.shared().endpoint());
    }
  }

  @Test
  void externalWithoutEndpointSaysWhatToSet() {
    assumeTrue(System.getenv(Settings.ENDPOINT_ENV) == null,
        Settings.ENDPOINT_ENV + " is set in this environment");
    System.setProperty(Settings.EMULATOR, "external");
    assertThatThrownBy(AwsEmulators::start)
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining(Settings.ENDPOINT_ENV)
        .hasMessageContaining("-D" + Settings.ENDPOINT);
  }

  @Test
  void localStackWithoutDockerIsAnErrorNotASkip() {
    assumeFalse(AwsEmulators.dockerAvailable(), "a Docker engine answers here");
    System.setProperty(Settings.EMULATOR, "localstack");
    assertThatThrownBy(AwsEmulators::start)
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining("Docker")
        .hasMessageContaining("=moto");
  }

  @Test
  void unknownChoiceIsAnError() {
    System.setProperty(Settings.EMULATOR, "minio");
    assertThatThrownBy(AwsEmulators::start)
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining("minio")
        .hasMessageContaining("moto, localstack, external");
  }

  @Test
  void whenNothingIsAvailableTheErrorListsEveryAttemptAndHowToGetOne() {
    assumeTrue(System.getenv(Settings.ENDPOINT_ENV) == null,
        Settings.ENDPOINT_ENV + " is set in this environment");
    assumeFalse(AwsEmulators.dockerAvailable(), "a Docker engine answers here");
    System.setProperty(Settings.MOTO_COMMAND, "/nonexistent/moto_server");
    assertThatThrownBy(AwsEmulators::start)
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining("No AWS emulator available. Tried, in order:")
        .hasMessageContaining("external: " + Settings.ENDPOINT_ENV)
        .hasMessageContaining("localstack: no Docker engine answered")
        .hasMessageContaining("moto: " + Settings.MOTO_COMMAND + "=/nonexistent/moto_server: "
            + "not an executable file")
        .hasMessageContaining("scripts/install-moto.sh");
  }

  @Test
  void explicitMotoThatCannotBeFoundIsAnError() {
    System.setProperty(Settings.EMULATOR, "moto");
    System.setProperty(Settings.MOTO_COMMAND, "/nonexistent/moto_server");
    assertThatThrownBy(AwsEmulators::start)
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining("moto_server is not available")
        .hasMessageContaining("/nonexistent/moto_server");
  }
}
