package io.iamkit.backend.pulumi;

import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployer;
import io.iamkit.testkit.EmulatorKind;
import io.iamkit.testkit.conformance.BackendConformanceSuite;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The backend conformance suite for {@code pulumi}, with the real engine. Runs only where the
 * {@code pulumi} CLI is on PATH and a passphrase is set ({@value #PASSPHRASE_VARIABLE} or
 * {@code PULUMI_CONFIG_PASSPHRASE}); otherwise the whole class is reported skipped with that reason,
 * before any emulator starts.
 */
@EnabledIf(value = "engineAvailable", disabledReason = PulumiConformanceIT.SKIP_REASON)
class PulumiConformanceIT extends BackendConformanceSuite {
  static final String SKIP_REASON = "the pulumi CLI is not on PATH (or no passphrase is set), so the "
      + "Pulumi engine cannot run here; see backend-pulumi/README.md for what is verified without it";
  static final String PASSPHRASE_VARIABLE = "IAMKIT_TEST_PULUMI_PASSPHRASE";

  static boolean engineAvailable() {
    return PulumiCli.locate().isPresent()
        && (System.getenv(PASSPHRASE_VARIABLE) != null || System.getenv(PulumiWorkspace.PASSPHRASE_ENV) != null);
  }

  @Override
  protected String backendName() {
    return PulumiBackend.NAME;
  }

  @Override
  protected Map<String, String> gaps(EmulatorKind emulator) {
    return Map.of("C-02", "the engine's own AWS calls (DeleteUser among them) are made by the Pulumi AWS "
        + "provider, not the Java SDK, so the suite's call recorder cannot see their order; the clean-up "
        + "that must come first is the backend's own (recorded) and is checked by "
        + "PulumiBackendAroundEngineIT.C01_C02_destroyRemovesOutOfBand...");
  }

  @Override
  protected Deployer.Builder configure(Deployer.Builder deployer) {
    DeployOptions options = DeployOptions.defaults().withStateDirectory(stateDirectory);
    if (System.getenv(PASSPHRASE_VARIABLE) != null) {
      options = options.withBackendProperty(PulumiWorkspace.PROPERTY_PASSPHRASE_ENV, PASSPHRASE_VARIABLE);
    }
    return deployer.options(options);
  }
}
