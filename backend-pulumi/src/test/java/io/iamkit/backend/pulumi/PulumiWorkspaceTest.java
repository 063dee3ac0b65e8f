package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.automation.LocalWorkspaceOptions;
import io.iamkit.api.DeployOptions;
import io.iamkit.backend.pulumi.PulumiSetupError.CliNotOnPath;
import io.iamkit.backend.pulumi.PulumiSetupError.PassphraseMissing;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.Metadata;
import io.vavr.control.Either;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Automation API wiring short of running the engine: prerequisites and workspace options. */
class PulumiWorkspaceTest {
  private static final String LINUX = "Linux";

  @TempDir Path temp;
  private Path emptyBin;
  private Path binWithPulumi;
  private Path state;

  @BeforeEach
  void directories() throws IOException {
    emptyBin = Files.createDirectories(temp.resolve("empty-bin"));
    binWithPulumi = Files.createDirectories(temp.resolve("bin"));
    // only its presence on PATH is checked here; it is never run
    Files.writeString(binWithPulumi.resolve("pulumi"), "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(binWithPulumi.resolve("pulumi"), PosixFilePermissions.fromString("rwxr-xr-x"));
    state = temp.resolve("state");
  }

  private Map<String, String> env(Path bin, String... more) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", emptyBin + File.pathSeparator + bin);
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void missingCliIsAClearErrorNamingTheAlternatives() {
    Either<PulumiSetupError, PulumiWorkspace> result = PulumiWorkspace.open(
        PulumiWorkspace.Settings.of(state).withPassphrase("correct horse"), env(emptyBin), LINUX);

    assertThat(result.isLeft()).isTrue();
    assertThat(result.getLeft()).isInstanceOf(CliNotOnPath.class);
    assertThat(result.getLeft().message()).isEqualTo(
        "the pulumi CLI is not on PATH; install it from https://www.pulumi.com/docs/iac/download-install/; "
            + "backends `direct` and `cloudformation` work without it");
    assertThat(state).doesNotExist();
  }

  @Test
  void missingCliIsReportedBeforeAMissingPassphrase() {
    Either<PulumiSetupError, PulumiWorkspace> result =
        PulumiWorkspace.open(PulumiWorkspace.Settings.of(state), env(emptyBin), LINUX);

    assertThat(result.getLeft()).isInstanceOf(CliNotOnPath.class);
  }

  @Test
  void aPulumiFileThatIsNotExecutableDoesNotCount() throws IOException {
    Files.setPosixFilePermissions(binWithPulumi.resolve("pulumi"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(PulumiCli.locate(env(binWithPulumi), LINUX)).isEmpty();
  }

  @Test
  void cliIsFoundOnPath() {
    assertThat(PulumiCli.locate(env(binWithPulumi), LINUX)).contains(binWithPulumi.resolve("pulumi"));
  }

  @Test
  void missingPassphraseIsRefused() {
    Either<PulumiSetupError, PulumiWorkspace> result =
        PulumiWorkspace.open(PulumiWorkspace.Settings.of(state), env(binWithPulumi), LINUX);

    assertThat(result.getLeft()).isInstanceOf(PassphraseMissing.class);
    assertThat(result.getLeft().message())
        .contains("PULUMI_CONFIG_PASSPHRASE", "configure one", "encrypted");
  }

  @Test
  void emptyPassphraseIsRefused() {
    Either<PulumiSetupError, PulumiWorkspace> result = PulumiWorkspace.open(
        PulumiWorkspace.Settings.of(state), env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE", ""), LINUX);

    assertThat(result.getLeft()).isInstanceOf(PassphraseMissing.class);
  }

  @Test
  void passphraseFromTheEnvironmentIsHandedToTheCli() {
    PulumiWorkspace workspace = PulumiWorkspace.open(PulumiWorkspace.Settings.of(state),
        env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE", "from-env"), LINUX).get();

    assertThat(options(workspace).environmentVariables()).containsEntry("PULUMI_CONFIG_PASSPHRASE", "from-env");
  }

  @Test
  void configuredPassphraseWinsOverTheEnvironment() {
    PulumiWorkspace workspace = PulumiWorkspace.open(PulumiWorkspace.Settings.of(state).withPassphrase("configured"),
        env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE", "from-env"), LINUX).get();

    assertThat(options(workspace).environmentVariables()).containsEntry("PULUMI_CONFIG_PASSPHRASE", "configured");
  }

  @Test
  void passphraseFileIsPassedThrough() throws IOException {
    Path file = Files.writeString(temp.resolve("passphrase"), "from-file");
    PulumiWorkspace workspace = PulumiWorkspace.open(PulumiWorkspace.Settings.of(state),
        env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE_FILE", file.toString()), LINUX).get();

    assertThat(options(workspace).environmentVariables())
        .containsEntry("PULUMI_CONFIG_PASSPHRASE_FILE", file.toString())
        .doesNotContainKey("PULUMI_CONFIG_PASSPHRASE");
  }

  @Test
  void aPassphraseFileThatDoesNotExistIsNoPassphrase() {
    Either<PulumiSetupError, PulumiWorkspace> result = PulumiWorkspace.open(PulumiWorkspace.Settings.of(state),
        env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE_FILE", temp.resolve("absent").toString()), LINUX);

    assertThat(result.getLeft()).isInstanceOf(PassphraseMissing.class);
  }

  @Test
  void settingsFromOptionsReadTheNamedVariableAndTheStateDirectory() {
    DeployOptions options = DeployOptions.defaults().withStateDirectory(state)
        .withBackendProperty(PulumiWorkspace.PROPERTY_PASSPHRASE_ENV, "MY_PASSPHRASE");
    Map<String, String> env = env(binWithPulumi, "MY_PASSPHRASE", "named", "PULUMI_CONFIG_PASSPHRASE", "generic");

    PulumiWorkspace.Settings settings = PulumiWorkspace.Settings.from(options, env);
    PulumiWorkspace workspace = PulumiWorkspace.open(settings, env, LINUX).get();

    assertThat(settings.stateDirectory()).isEqualTo(state);
    assertThat(settings.toString()).doesNotContain("named");
    assertThat(options.toString()).doesNotContain("named");
    assertThat(options(workspace).environmentVariables()).containsEntry("PULUMI_CONFIG_PASSPHRASE", "named");
  }

  @Test
  void aConfiguredPassphraseFileWinsOverTheEnvironmentsPassphrase() throws IOException {
    Path file = Files.writeString(temp.resolve("passphrase"), "from-file");
    DeployOptions options = DeployOptions.defaults()
        .withBackendProperty(PulumiWorkspace.PROPERTY_PASSPHRASE_FILE, file.toString());
    Map<String, String> env = env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE", "generic");

    PulumiWorkspace workspace = PulumiWorkspace.open(PulumiWorkspace.Settings.from(options, env), env, LINUX).get();

    assertThat(options(workspace).environmentVariables())
        .containsEntry("PULUMI_CONFIG_PASSPHRASE_FILE", file.toString())
        .doesNotContainKey("PULUMI_CONFIG_PASSPHRASE");
  }

  @Test
  void aNamedVariableThatIsUnsetFallsBackToTheEnvironmentAndTheDefaultStateDirectoryIsUnderHome() {
    DeployOptions options = DeployOptions.defaults()
        .withBackendProperty(PulumiWorkspace.PROPERTY_PASSPHRASE_ENV, "UNSET_VARIABLE");
    Map<String, String> env = env(binWithPulumi, "PULUMI_CONFIG_PASSPHRASE", "generic");

    PulumiWorkspace.Settings settings = PulumiWorkspace.Settings.from(options, env);

    assertThat(settings.stateDirectory())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".iamkit", "pulumi"));
    assertThat(options(PulumiWorkspace.open(settings, env, LINUX).get()).environmentVariables())
        .containsEntry("PULUMI_CONFIG_PASSPHRASE", "generic");
  }

  @Test
  void workspaceUsesLocalFileStatePassphraseSecretsAndOneStackPerUser() {
    PulumiWorkspace workspace = PulumiWorkspace.open(PulumiWorkspace.Settings.of(state).withPassphrase("p"),
        env(binWithPulumi), LINUX).get();
    AwsIamUser manifest = TestManifests.load(TestManifests.PAYMENT_SERVICE_USER);
    UserProgram program = new UserProgram(manifest, PulumiTarget.aws("us-east-1"));

    LocalWorkspaceOptions options = workspace.options(manifest, program);

    String url = options.projectSettings().backend().url();
    assertThat(url).isEqualTo("file://" + state.toAbsolutePath());
    assertThat(options.environmentVariables()).containsEntry("PULUMI_BACKEND_URL", url)
        .doesNotContainKey("PULUMI_ACCESS_TOKEN");
    assertThat(options.projectSettings().name()).isEqualTo("iamkit");
    assertThat(options.secretsProvider()).isEqualTo("passphrase");
    assertThat(options.stackSettings()).containsOnlyKeys("payment-service-user");
    assertThat(options.stackSettings().get("payment-service-user").secretsProvider()).isEqualTo("passphrase");
    assertThat(options.workDir()).isEqualTo(state.toAbsolutePath().resolve("workspaces/payment-service-user"));
    assertThat(options.program()).isSameAs(program);
  }

  @Test
  void backendUrlDoesNotDependOnWhetherTheDirectoryExists() throws IOException {
    String before = PulumiWorkspace.backendUrl(state);
    Files.createDirectories(state);

    assertThat(PulumiWorkspace.backendUrl(state)).isEqualTo(before).isEqualTo("file://" + state.toAbsolutePath());
  }

  @Test
  void awsPluginVersionMatchesThePinnedJavaPackage() throws IOException {
    java.util.Properties pinned = new java.util.Properties();
    try (var in = getClass().getResourceAsStream("/pulumi-versions.properties")) {
      pinned.load(in);
    }
    assertThat(pinned.getProperty("aws")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(PulumiWorkspace.awsPluginVersion()).isEqualTo(pinned.getProperty("aws"));
  }

  @Test
  void stackIsNamedAfterMetadataName() {
    assertThat(PulumiWorkspace.stackName(TestManifests.load(TestManifests.CICD_DEPLOYER))).isEqualTo("cicd-deployer");
    assertThat(PulumiWorkspace.stackName(TestManifests.load(TestManifests.COMPLIANCE_AUDITOR)))
        .isEqualTo("compliance-auditor");
    assertThatThrownBy(() -> PulumiWorkspace.stackName(
        AwsIamUser.newBuilder().setMetadata(Metadata.getDefaultInstance()).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.name");
  }

  @Test
  void passphraseNeverShowsInToString() {
    PulumiWorkspace.Settings settings = PulumiWorkspace.Settings.of(state).withPassphrase("hunter2-passphrase");
    PulumiWorkspace workspace = PulumiWorkspace.open(settings, env(binWithPulumi), LINUX).get();

    assertThat(settings.toString()).doesNotContain("hunter2-passphrase");
    assertThat(workspace.toString()).doesNotContain("hunter2-passphrase");
  }

  private static LocalWorkspaceOptions options(PulumiWorkspace workspace) {
    AwsIamUser manifest = TestManifests.load(TestManifests.CICD_DEPLOYER);
    return workspace.options(manifest, new UserProgram(manifest, PulumiTarget.aws("us-east-1")));
  }
}
