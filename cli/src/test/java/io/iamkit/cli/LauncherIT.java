package io.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.MotoInstallation;
import io.iamkit.testkit.UniqueNames;
import io.vavr.collection.List;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code bin/iamkit} end to end, as processes: the launcher builds the jar on first use and when
 * sources change (here a stand-in for the Maven wrapper copies the jar this build made, so no Maven
 * runs inside the test), passes arguments and exit codes through, and the jar runs for real: the
 * standard credentials chain of an empty environment, {@code local start/status/stop} with a real
 * moto in the background, and no secret in anything the process prints at {@code -vv}.
 */
@IamkitEmulator
class LauncherIT {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = Path.of("target", "iamkit.jar").toAbsolutePath();

  @TempDir Path tmp;
  Path repo;
  Path state;

  /** A copy of the repository's launcher next to a stand-in for mvnw that records its arguments. */
  @BeforeEach
  void fakeRepository() throws IOException {
    assertThat(JAR).as("the runnable jar made by this build's package phase").exists();
    repo = tmp.resolve("repo");
    state = tmp.resolve("state");
    Files.createDirectories(repo.resolve("bin"));
    Files.copy(REPO.resolve("bin").resolve("iamkit"), repo.resolve("bin").resolve("iamkit"), StandardCopyOption.COPY_ATTRIBUTES);
    Path mvnw = Files.writeString(repo.resolve("mvnw"), String.join("\n",
        "#!/usr/bin/env bash",
        "echo \"$*\" >> mvnw.calls",
        "mkdir -p cli/target examples/target",
        "cp '" + JAR + "' cli/target/iamkit.jar",
        ""));
    mvnw.toFile().setExecutable(true);
    Path source = repo.resolve("cli/src/main/java/X.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class X {}");
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
  }

  @AfterEach
  void stopEmulator() throws Exception {
    if (Files.exists(state.resolve(LocalState.FILE))) {
      run(Map.of(), "local", "stop");
    }
  }

  record Ran(int code, String out, String err) {
    JsonNode json() throws IOException {
      return Output.JSON.readTree(out);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs bin/iamkit in a clean environment: no AWS settings, an empty HOME, no instance metadata. */
  Ran run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    java.util.List<String> command = new ArrayList<>();
    command.add(repo.resolve("bin").resolve("iamkit").toString());
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("IAMKIT_"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    env.put("HOME", home.toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put(CliContext.STATE_DIR_ENV, state.toString());
    env.putAll(extraEnv);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {   // a guard against a hang, not an assertion on speed
      p.destroyForcibly();
      throw new AssertionError("bin/iamkit " + String.join(" ", args) + " did not finish");
    }
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  java.util.List<String> builds() throws IOException {
    Path calls = repo.resolve("mvnw.calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : java.util.List.of();
  }

  @Test
  void buildsTheJarOnFirstUseAndWhenSourcesChangeOnly() throws Exception {
    Ran first = run(Map.of(), "--version");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).startsWith("iamkit ");
    assertThat(first.err()).contains("iamkit: building the CLI (first use, or sources changed)");
    assertThat(builds()).containsExactly("-B -q -pl cli,examples -am package -DskipTests");

    assertThat(run(Map.of(), "--version").err()).doesNotContain("building");
    assertThat(builds()).hasSize(1);

    Path jar = repo.resolve("cli/target/iamkit.jar");
    Files.setLastModifiedTime(repo.resolve("cli/src/main/java/X.java"),
        FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    assertThat(run(Map.of(), "--version").err()).contains("building");
    assertThat(builds()).hasSize(2);

    assertThat(run(Map.of("IAMKIT_REBUILD", "1"), "--version").code()).isZero();
    assertThat(builds()).hasSize(3);
  }

  @Test
  void passesArgumentsAndExitCodesThrough() throws Exception {
    String examples = REPO.resolve("examples/manifests").toString();
    Ran valid = run(Map.of(), "validate", "-f", examples);
    assertThat(valid.code()).as(valid.toString()).isZero();
    assertThat(valid.out()).contains("3 manifest(s) valid:");
    assertThat(run(Map.of(), "validate", "-f", tmp.resolve("none.yaml").toString()).code()).isEqualTo(2);
    assertThat(run(Map.of(), "no-such-verb").code()).isEqualTo(2);

    Ran noTarget = run(Map.of(), "drift", "--backend", "direct", "-f", examples);
    assertThat(noTarget.code()).as(noTarget.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noTarget.err()).contains("no AWS target", "iamkit local start");
    assertThat(noTarget.out()).isEmpty();
  }

  @Test
  void localStartStatusAndStop() throws Exception {
    Optional<Path> moto = new MotoInstallation().locate(true);
    assertThat(moto).as("moto_server (the testkit installs it when missing)").isPresent();
    Map<String, String> env = Map.of("IAMKIT_MOTO_COMMAND", moto.get().toString());

    Ran start = run(env, "local", "start");
    assertThat(start.code()).as(start.toString()).isZero();
    String endpoint = start.out().trim();
    assertThat(endpoint).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(start.err()).contains("moto at " + endpoint, "add --local");
    LocalState recorded = LocalState.read(state).orElseThrow();
    assertThat(recorded.endpoint()).isEqualTo(endpoint);
    assertThat(recorded.isRunning()).isTrue();

    Ran again = run(env, "local", "start", "-o", "json");
    assertThat(again.code()).isZero();
    assertThat(again.json().path("started").asBoolean()).isFalse();
    assertThat(again.json().path("emulator").path("endpoint").asText()).isEqualTo(endpoint);
    Ran other = run(env, "local", "start", "--emulator", "localstack");
    assertThat(other.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(other.err()).contains("a local moto is already running", "iamkit local stop");

    Ran status = run(env, "local", "status");
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("running: moto at " + endpoint);
    JsonNode statusJson = run(env, "local", "status", "-o", "json").json();
    assertThat(statusJson.path("running").asBoolean()).isTrue();
    assertThat(statusJson.path("emulator").path("pid").asLong()).isEqualTo(recorded.pid());

    AwsIamUser user = TestManifests.unique(TestManifests.byName(TestManifests.examples(), "compliance-auditor"));
    String file = TestManifests.write(tmp.resolve("local.yaml"), List.of(user)).toString();
    Ran apply = run(env, "apply", "--local", "--backend", "direct", "-f", file);
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("target " + endpoint + " (local moto)", "credentials static test/test");
    assertThat(run(env, "destroy", "--local", "--backend", "direct", "-f", file).code()).isZero();

    Ran stop = run(env, "local", "stop");
    assertThat(stop.code()).as(stop.toString()).isZero();
    assertThat(stop.out()).contains("moto (pid " + recorded.pid() + ") at " + endpoint + " stopped");
    assertThat(ProcessHandle.of(recorded.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(LocalState.read(state)).isEmpty();
    assertThat(run(env, "local", "status").code()).isEqualTo(ExitCodes.FAILED);
    assertThat(run(env, "drift", "--local", "--backend", "direct", "-f", file).err()).contains("no local emulator is running");
  }

  @Test
  void theProcessPrintsNoSecretAtTrace(AwsEmulator emulator, SecretsManagerClient sm) throws Exception {
    String secretName = "iamkit/" + UniqueNames.name("launcher-leak", 60);
    AwsIamUser user = TestManifests.deliveringTo(secretName);
    String file = TestManifests.write(tmp.resolve("leak.yaml"), List.of(user)).toString();
    String target = "--endpoint " + emulator.endpoint() + " --backend direct -f " + file;

    Ran apply = run(Map.of(), ("apply -vv " + target).split(" "));
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.err()).contains("TRACE", "CreateAccessKey");
    Ran drift = run(Map.of(), ("drift -vv -o json " + target).split(" "));
    Ran outputs = run(Map.of(), ("outputs -vv " + target).split(" "));
    String secret = Output.JSON.readTree(sm.getSecretValue(r -> r.secretId(secretName)).secretString())
        .path("secretAccessKey").asText();
    assertThat(secret).hasSize(40);
    for (Ran r : java.util.List.of(apply, drift, outputs)) {
      for (String form : SecretLeakIT.forms(secret)) {
        assertThat(r.out() + r.err()).doesNotContain(form);
      }
    }
    assertThat(run(Map.of(), ("destroy " + target).split(" ")).code()).isZero();
  }
}
