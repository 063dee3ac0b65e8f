package io.iamkit.cli;

import static io.iamkit.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.cli.CliRun.Result;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.collection.List;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * C-08 for the CLI: at the most verbose level ({@code -vv}: every logger at TRACE) nothing the CLI
 * prints (stdout, stderr, logs, and anything written straight to System.out/err) holds a secret
 * access key or its base64 or URL-encoded form, unless {@code --show-secret} asks for it, and then
 * it appears exactly once, where the README says: the {@code secretAccessKey} row of the table or
 * field of the JSON result, on stdout, never in logs. The secrets are learnt from IAM's answers by a
 * test-only SDK interceptor ({@link SecretCapture}), not from the CLI.
 */
@IamkitEmulator
class SecretLeakIT {
  @TempDir Path dir;

  /** Runs with System.out and System.err captured too; returns everything printed, CLI streams first. */
  static Result captured(Supplier<Result> run) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(stray, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      Result r = run.get();
      return new Result(r.code(), r.out(), r.err() + stray.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  static Result run(AwsEmulator emulator, String... args) {
    java.util.List<String> all = new ArrayList<>(java.util.List.of(args));
    all.addAll(java.util.List.of("-vv", "--endpoint", emulator.endpoint().toString(), "--backend", "direct"));
    return captured(() -> cli().run(all.toArray(String[]::new)));
  }

  static java.util.List<String> forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    return java.util.List.of(secret, Base64.getEncoder().encodeToString(bytes),
        Base64.getUrlEncoder().encodeToString(bytes), URLEncoder.encode(secret, StandardCharsets.UTF_8));
  }

  static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void withoutShowSecretNoSecretIsPrintedAtTrace(AwsEmulator emulator) throws IOException {
    int before = SecretCapture.secrets().size();
    List<AwsIamUser> users = List.ofAll(TestManifests.examples());
    String file = TestManifests.write(dir.resolve("users.yaml"), users).toString();

    java.util.List<Result> results = new ArrayList<>();
    results.add(run(emulator, "preview", "-f", file));
    results.add(run(emulator, "apply", "-f", file));
    java.util.List<String> secrets = SecretCapture.secrets().subList(before, SecretCapture.secrets().size());
    assertThat(secrets).as("keys created by the apply (cicd-deployer, payment-service-user)").hasSize(2)
        .allSatisfy(s -> assertThat(s).hasSize(40));
    results.add(run(emulator, "outputs", "-f", file));
    results.add(run(emulator, "outputs", "-o", "json", "-f", file));
    results.add(run(emulator, "drift", "-o", "json", "-f", file));
    results.add(run(emulator, "destroy", "-f", file));

    Result apply = results.get(1);
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("secretAccessKey  " + DeployCommands.MASK + "  (masked;");
    assertThat(apply.err()).as("logging really was at TRACE").contains("TRACE", "DEBUG", "software.amazon.awssdk",
        "CreateAccessKey");
    for (Result r : results) {
      for (String secret : secrets) {
        for (String form : forms(secret)) {
          assertThat(r.all()).as("a form of a secret access key in the output").doesNotContain(form);
        }
      }
    }
  }

  @Test
  void withShowSecretTheSecretAppearsOnceInTheTableOrJsonAndNeverInLogs(AwsEmulator emulator) throws IOException {
    AwsIamUser first = TestManifests.unique(TestManifests.byName(TestManifests.examples(), "payment-service-user"));
    String table = TestManifests.write(dir.resolve("table.yaml"), List.of(first)).toString();
    int before = SecretCapture.secrets().size();
    Result shown = run(emulator, "apply", "--show-secret", "-f", table);
    assertThat(shown.code()).as(shown.toString()).isZero();
    String secret = SecretCapture.secrets().get(before);
    assertThat(count(shown.out(), secret)).isEqualTo(1);
    assertThat(shown.out()).containsPattern("(?m)^  secretAccessKey +" + Pattern.quote(secret) + "$");
    assertThat(shown.err()).doesNotContain(secret);
    Result outputs = run(emulator, "outputs", "--show-secret", "-f", table);
    assertThat(outputs.all()).doesNotContain(secret)
        .contains("secretAccessKey  (not available: handed out once, by the apply that created the key");

    AwsIamUser second = TestManifests.unique(first);
    String json = TestManifests.write(dir.resolve("json.yaml"), List.of(second)).toString();
    before = SecretCapture.secrets().size();
    Result inJson = run(emulator, "apply", "--show-secret", "-o", "json", "-f", json);
    assertThat(inJson.code()).as(inJson.toString()).isZero();
    String secret2 = SecretCapture.secrets().get(before);
    assertThat(count(inJson.out(), secret2)).isEqualTo(1);
    JsonNode result = inJson.json().path("results").get(0);
    assertThat(result.path("secret").path("shown").asBoolean()).isTrue();
    assertThat(result.path("secret").path("secretAccessKey").asText()).isEqualTo(secret2);
    assertThat(inJson.err()).doesNotContain(secret2);

    Result again = run(emulator, "apply", "--show-secret", "-f", json);
    assertThat(again.out()).as("an unchanged key has no secret to show").doesNotContain("secretAccessKey  ")
        .doesNotContain(secret2);
    assertThat(run(emulator, "destroy", "-f", table).code()).isZero();
    assertThat(run(emulator, "destroy", "-f", json).code()).isZero();
  }

  @Test
  void outputsShowSecretReadsADeliveredSecretFromSecretsManager(AwsEmulator emulator, SecretsManagerClient sm)
      throws IOException {
    String secretName = "iamkit/" + UniqueNames.name("cli-leak", 60);
    AwsIamUser delivered = TestManifests.deliveringTo(secretName);
    String file = TestManifests.write(dir.resolve("delivered.yaml"), List.of(delivered)).toString();

    Result apply = run(emulator, "apply", "--show-secret", "-o", "json", "-f", file);
    assertThat(apply.code()).as(apply.toString()).isZero();
    JsonNode result = apply.json().path("results").get(0);
    assertThat(result.path("secret").path("handedOut").asBoolean()).as("delivered, not handed out").isFalse();
    String value = Output.JSON.readTree(sm.getSecretValue(r -> r.secretId(secretName)).secretString())
        .path("secretAccessKey").asText();
    assertThat(value).hasSize(40);
    assertThat(apply.all()).doesNotContain(value);

    Result hidden = run(emulator, "outputs", "-f", file);
    assertThat(hidden.all()).doesNotContain(value);
    assertThat(hidden.out()).contains("secretArn", secretName);

    Result shown = run(emulator, "outputs", "--show-secret", "-f", file);
    assertThat(shown.code()).isZero();
    assertThat(count(shown.out(), value)).isEqualTo(1);
    assertThat(shown.out()).containsPattern("(?m)^  secretAccessKey +" + Pattern.quote(value) + "$");
    assertThat(shown.err()).doesNotContain(value);
    JsonNode json = run(emulator, "outputs", "--show-secret", "-o", "json", "-f", file).json().path("results").get(0);
    assertThat(json.path("secret").path("available").asBoolean()).isTrue();
    assertThat(json.path("secret").path("secretAccessKey").asText()).isEqualTo(value);

    Result destroy = run(emulator, "destroy", "-f", file);
    assertThat(destroy.code()).isZero();
    assertThat(destroy.all()).doesNotContain(value);
  }
}
