package io.iamkit.cli;

import static io.iamkit.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.api.AwsCredentials;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Deployer;
import io.iamkit.cli.CliRun.Result;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the AWS verbs deploy, and every way they are refused before any AWS call. The endpoint
 * {@code http://127.0.0.1:9} (discard) answers nothing: a command that got as far as calling AWS
 * there would fail with exit code 1, not 2.
 */
class TargetTest {
  static final String NOWHERE = "http://127.0.0.1:9";

  @TempDir Path dir;
  String manifest;

  @BeforeEach
  void manifest() throws IOException {
    manifest = Files.writeString(dir.resolve("user.yaml"), CliTest.USER).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"preview", "apply", "outputs", "drift", "destroy"})
  void withoutEndpointLocalOrCredentialsNothingIsTargeted(String verb) {
    Result r = cli().run(verb, "-f", manifest, "--backend", "direct");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("no AWS target", "Nothing was sent anywhere", "iamkit local start", "--local",
        "--endpoint http://127.0.0.1:4566", "configure credentials");
    JsonNode doc = cli().run(verb, "-o", "json", "-f", manifest).json();
    assertThat(doc.path("command").asText()).isEqualTo(verb);
    assertThat(doc.path("exitCode").asInt()).isEqualTo(2);
    assertThat(doc.path("error").path("type").asText()).isEqualTo("NoTarget");
  }

  @Test
  void credentialsWithoutARegionAreRefused() {
    Result r = cli().credentialsFrom("EnvironmentVariableCredentialsProvider").run("preview", "--backend", "direct", "-f", manifest);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no AWS region", "--region");
  }

  @Test
  void invalidManifestsAreRefusedBeforeTheTargetOrBackendIsLookedAt() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), CliTest.USER.replace("reader-svc", "\"bad name!\""));
    Result r = cli().run("apply", "--endpoint", NOWHERE, "--backend", "direct", "-f", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("user-name.charset");
    JsonNode doc = cli().run("apply", "-o", "json", "--endpoint", NOWHERE, "-f", bad.toString()).json();
    assertThat(doc.path("error").path("type").asText()).isEqualTo("InvalidInput");
    assertThat(doc.path("error").path("violations").get(0).path("path").asText()).isEqualTo("spec.userName");
  }

  @Test
  void localWithoutARunningEmulatorIsRefused() throws IOException {
    Result none = cli().env(CliContext.STATE_DIR_ENV, dir.resolve("state").toString())
        .run("drift", "--local", "--backend", "direct", "-f", manifest);
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("no local emulator is running", "iamkit local start");

    Process dead = new ProcessBuilder("true").start();
    long pid = dead.pid();
    dead.onExit().join();
    new LocalState("moto", "http://127.0.0.1:1", "us-east-1", pid, "", 1, "moto.log").write(dir.resolve("state"));
    Result stale = cli().env(CliContext.STATE_DIR_ENV, dir.resolve("state").toString())
        .run("drift", "--local", "--backend", "direct", "-f", manifest);
    assertThat(stale.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(stale.err()).contains("is no longer running", "iamkit local start");
  }

  @Test
  void localAndEndpointTogetherAreRefused() {
    Result r = cli().run("preview", "--local", "--endpoint", NOWHERE, "-f", manifest);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--local and --endpoint");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:4566", "ftp://127.0.0.1", "http://", "http://exa mple"})
  void anEndpointMustBeAnHttpUrl(String endpoint) {
    Result r = cli().run("preview", "--endpoint", endpoint, "-f", manifest);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--endpoint");
  }

  @Test
  void anUnknownBackendIsAUsageError() {
    Result r = cli().run("preview", "--endpoint", NOWHERE, "--backend", "terraform", "-f", manifest);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no backend named 'terraform'", "direct");
    JsonNode doc = cli().run("preview", "-o", "json", "--endpoint", NOWHERE, "--backend", "terraform", "-f", manifest).json();
    assertThat(doc.path("error").path("type").asText()).isEqualTo("UnknownBackend");
  }

  @Test
  void anUnavailableBackendFailsNamingWhyAndWhatCanRun() {
    Option<BackendInfo> unavailable = Deployer.availableBackends().find(b -> !b.availability().isAvailable());
    assumeThat(unavailable.isDefined()).as("every backend can run here (pulumi on PATH?)").isTrue();
    String name = unavailable.get().name();
    Result r = cli().run("apply", "--endpoint", NOWHERE, "--backend", name, "-f", manifest);
    assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains("backend '" + name + "' is not available", unavailable.get().availability().reason(),
        "available: cloudformation, direct");
    JsonNode error = cli().run("apply", "-o", "json", "--endpoint", NOWHERE, "--backend", name, "-f", manifest).json()
        .path("error");
    assertThat(error.path("type").asText()).isEqualTo("BackendUnavailable");
    assertThat(error.path("backend").asText()).isEqualTo(name);
    assertThat(error.path("available").toString()).contains("direct");
    if (name.equals(Deployer.DEFAULT_BACKEND)) {
      assertThat(cli().run("apply", "--endpoint", NOWHERE, "-f", manifest).err())
          .contains("is the default backend; choose one with --backend NAME or IAMKIT_BACKEND");
    }
  }

  @Test
  void theDefaultBackendComesFromTheEnvironmentElsePulumi() {
    TargetOptions none = new TargetOptions();
    DeployCommands.Preview preview = new DeployCommands.Preview(context(Map.of()));
    preview.targetOptions = none;
    assertThat(preview.backendName()).isEqualTo(Deployer.DEFAULT_BACKEND);
    DeployCommands.Preview fromEnv = new DeployCommands.Preview(context(Map.of(CliContext.BACKEND_ENV, "Direct")));
    fromEnv.targetOptions = none;
    assertThat(fromEnv.backendName()).isEqualTo("direct");
    TargetOptions given = new TargetOptions();
    given.backend = "cloudformation";
    fromEnv.targetOptions = given;
    assertThat(fromEnv.backendName()).isEqualTo("cloudformation");
  }

  // ---- how the target is chosen

  @Test
  void anEndpointUsesTestCredentialsUnlessTheLocalChainHasSome() {
    TargetOptions o = new TargetOptions();
    o.endpoint = "http://127.0.0.1:4566";
    ResolvedTarget bare = TargetResolver.resolve(o, context(Map.of())).get();
    assertThat(bare.target().credentials()).isInstanceOf(AwsCredentials.Static.class);
    assertThat(((AwsCredentials.Static) bare.target().credentials()).accessKeyId()).isEqualTo("test");
    assertThat(bare.region()).isEqualTo("us-east-1");
    assertThat(bare.describe()).isEqualTo("http://127.0.0.1:4566, region us-east-1, credentials static test/test");

    ResolvedTarget chained = TargetResolver.resolve(o, context(Map.of("AWS_REGION", "eu-west-1"), "ProfileCredentialsProvider")).get();
    assertThat(chained.target().credentials()).isEqualTo(AwsCredentials.defaultChain());
    assertThat(chained.region()).isEqualTo("eu-west-1");
    assertThat(chained.credentials()).contains("ProfileCredentialsProvider");
  }

  @Test
  void theEndpointMayComeFromAwsEndpointUrl() {
    ResolvedTarget t = TargetResolver.resolve(new TargetOptions(),
        context(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_DEFAULT_REGION", "eu-central-1"))).get();
    assertThat(t.endpoint()).contains("http://127.0.0.1:4566");
    assertThat(t.region()).isEqualTo("eu-central-1");
  }

  @Test
  void aRealAccountNeedsCredentialsAndSaysSo() {
    TargetOptions o = new TargetOptions();
    o.region = "eu-west-1";
    ResolvedTarget t = TargetResolver.resolve(o, context(Map.of(), "EnvironmentVariableCredentialsProvider")).get();
    assertThat(t.endpoint()).isEmpty();
    assertThat(t.target().credentials()).isEqualTo(AwsCredentials.defaultChain());
    assertThat(t.describe()).isEqualTo("AWS (a real account), region eu-west-1, credentials from the standard chain"
        + " (EnvironmentVariableCredentialsProvider)");
    assertThat(t.toJson().path("endpoint").isNull()).isTrue();
  }

  private CliContext context(Map<String, String> env, String... credentials) {
    java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
    return new CliContext(sink, sink, env, dir, new AwsDefaults() {
      @Override
      public java.util.Optional<String> credentialsSource(boolean localSourcesOnly) {
        return credentials.length == 0 ? java.util.Optional.empty() : java.util.Optional.of(credentials[0]);
      }

      @Override
      public java.util.Optional<String> region() {
        return java.util.Optional.empty();
      }
    }, false);
  }
}
