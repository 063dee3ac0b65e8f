package io.iamkit.cli;

import static io.iamkit.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.cli.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line in-process, without AWS: usage, validate, lint, backends, and every way an AWS
 * verb is refused before anything is sent (exit code 2). Verbs that reach AWS run in {@code *IT}
 * against the emulator.
 */
class CliTest {
  static final String USER = """
      apiVersion: aws.project-planton.org/v1
      kind: AwsIamUser
      metadata: {name: reader}
      spec:
        userName: reader-svc
        managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      """;

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  // ---- usage

  @Test
  void helpAndVersionExitZero() {
    Result help = cli().run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("validate", "lint", "preview", "apply", "outputs", "drift", "destroy", "local",
        "backends", "Exit codes:", "3   drift found");
    Result version = cli().run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("iamkit ");
    assertThat(cli().run("apply", "--help").out()).contains("--show-secret", "--local", "--endpoint", "--backend",
        "--region", "--progress", "-f, --file");
  }

  @Test
  void noVerbUnknownVerbAndUnknownOptionAreUsageErrors() {
    Result none = cli().run();
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("a command is needed", "Usage: iamkit");
    Result unknownVerb = cli().run("deploy", "-f", "x.yaml");
    assertThat(unknownVerb.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknownVerb.err()).contains("Unmatched argument", "deploy", "Try 'iamkit --help'");
    Result unknownOption = cli().run("validate", "-f", "x.yaml", "--frobnicate");
    assertThat(unknownOption.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknownOption.err()).contains("--frobnicate", "Try 'iamkit validate --help'");
    assertThat(cli().run("local").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli().run("validate", "-o", "yaml", "-f", "x").err()).contains("Invalid value for option '--output'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "lint", "preview", "apply", "outputs", "drift", "destroy"})
  void everyManifestVerbNeedsFiles(String verb) {
    Result r = cli().run(verb);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Missing required option: '--file=PATH'");
  }

  @Test
  void usageErrorsAreJsonWhenAskedFor() {
    JsonNode doc = cli().run("validate", "-o", "json").json();
    assertThat(doc.path("command").asText()).isEqualTo("validate");
    assertThat(doc.path("ok").asBoolean()).isFalse();
    assertThat(doc.path("exitCode").asInt()).isEqualTo(2);
    assertThat(doc.path("error").path("type").asText()).isEqualTo("Usage");
    assertThat(doc.path("error").path("message").asText()).contains("--file");
  }

  // ---- validate

  @Test
  void validateListsEveryUserOfFilesFoldersAndMultiDocumentYaml() throws IOException {
    write("a/one.yaml", USER);
    write("a/two.yml", USER.replace("reader", "writer") + "---\n" + USER.replace("reader", "auditor"));
    write("a/notes.txt", "not a manifest");
    Path single = write("b.json", """
        {"apiVersion": "aws.project-planton.org/v1", "kind": "AwsIamUser", "metadata": {"name": "json-user"},
         "spec": {"userName": "json-svc", "disableAccessKeys": true}}
        """);
    Result r = cli().run("validate", "-f", dir.resolve("a").toString(), single.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("4 manifest(s) valid:", "reader  ", "user reader-svc", "user writer-svc",
        "user auditor-svc", "json-user");

    JsonNode doc = cli().run("validate", "-o", "json", "-f", dir.resolve("a").toString(), single.toString()).json();
    assertThat(doc.path("ok").asBoolean()).isTrue();
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("users")).hasSize(4);
    assertThat(doc.path("users").get(0).path("name").asText()).isEqualTo("reader");
    assertThat(doc.path("users").get(0).path("userName").asText()).isEqualTo("reader-svc");
  }

  @Test
  void relativePathsAreReadFromTheWorkingDirectory() throws IOException {
    write("users/one.yaml", USER);
    Result r = cli().workDir(dir).run("validate", "-f", "users");
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @Test
  void aPathThatDoesNotExistIsInvalidInput() {
    Result r = cli().run("validate", "-f", dir.resolve("nope.yaml").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("nope.yaml: no such file or folder");
    assertThat(r.out()).isEmpty();
    JsonNode error = cli().run("validate", "-o", "json", "-f", dir.resolve("nope.yaml").toString()).json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("InvalidInput");
    assertThat(error.path("violations").get(0).path("rule").asText()).isEqualTo("manifest.io");
  }

  @Test
  void anEmptyFolderIsInvalidInput() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    Result r = cli().run("validate", "-f", dir.resolve("empty").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no manifests found in");
  }

  @Test
  void unreadableYamlNamesTheFileAndLine() throws IOException {
    Path file = write("broken.yaml", """
        apiVersion: aws.project-planton.org/v1
        kind: AwsIamUser
        metadata: {name: broken
        spec:
          userName: x
        """);
    Result r = cli().run("validate", "-f", file.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).containsPattern("broken\\.yaml line \\d+");

    Path typo = write("typo.yaml", USER.replace("managedPolicyArns", "managedPolicyArn"));
    Result t = cli().run("validate", "-o", "json", "-f", typo.toString());
    assertThat(t.code()).isEqualTo(ExitCodes.USAGE);
    JsonNode v = t.json().path("error").path("violations").get(0);
    assertThat(v.path("message").asText()).contains("typo.yaml line 6", "managedPolicyArn", "did you mean \"managedPolicyArns\"");
    assertThat(v.path("path").asText()).isEqualTo("spec.managedPolicyArn");
  }

  @Test
  void invalidManifestsReportEveryViolationWithItsPathAndRule() throws IOException {
    Path file = write("bad.yaml", USER.replace("userName: reader-svc", "userName: \"bad name!\"")
        .replace("ReadOnlyAccess]", "ReadOnlyAccess, not-an-arn]"));
    Result r = cli().run("validate", "-f", file.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("invalid input (2 problem(s))", "[user-name.charset", "[managed-policy-arn.format");
    JsonNode violations = cli().run("validate", "-o", "json", "-f", file.toString()).json().path("error").path("violations");
    assertThat(violations).hasSize(2);
    assertThat(violations.findValuesAsText("path")).containsExactlyInAnyOrder("spec.userName", "spec.managedPolicyArns[1]");
  }

  @Test
  void readingProblemsAndBrokenRulesOfSeveralFilesAreReportedAtOnce() throws IOException {
    write("mixed/a-typo.yaml", USER.replace("managedPolicyArns", "managedPolicyArn").replace("reader-svc", "\"bad name!\""));
    write("mixed/b-bad-arn.yaml", USER.replace("reader", "other").replace("ReadOnlyAccess]", "ReadOnlyAccess, nope]"));
    JsonNode violations = cli().run("validate", "-o", "json", "-f", dir.resolve("mixed").toString()).json()
        .path("error").path("violations");
    assertThat(violations.findValuesAsText("rule"))
        .contains("manifest.unknown-field", "user-name.charset", "managed-policy-arn.format");
  }

  @Test
  void userNamesThatDifferOnlyInCaseAreRejectedAcrossFiles() throws IOException {
    write("set/a.yaml", USER.replace("reader-svc", "svc-x"));
    write("set/b.yaml", USER.replace("reader", "other").replace("other-svc", "SVC-X"));
    Result r = cli().run("validate", "-f", dir.resolve("set").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("user-name.duplicate", "ignore case");
  }

  // ---- lint

  @Test
  void lintWarnsWithoutFailing() throws IOException {
    Path file = write("admin.yaml", USER.replace("ReadOnlyAccess", "AdministratorAccess"));
    Result r = cli().run("lint", "-f", file.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("reader: 1 warning(s)", "AdministratorAccess", "[lint.broad-managed-policy]");
    JsonNode doc = cli().run("lint", "-o", "json", "-f", file.toString()).json();
    assertThat(doc.path("ok").asBoolean()).isTrue();
    assertThat(doc.path("warnings")).hasSize(1);
    JsonNode w = doc.path("warnings").get(0);
    assertThat(w.path("name").asText()).isEqualTo("reader");
    assertThat(w.path("rule").asText()).isEqualTo("lint.broad-managed-policy");
    assertThat(w.path("path").asText()).isEqualTo("spec.managedPolicyArns[0]");
    Result clean = cli().run("lint", "-f", write("ok.yaml", USER).toString());
    assertThat(clean.out()).contains("reader: no warnings");
    assertThat(cli().run("lint", "-f", dir.resolve("missing").toString()).code()).isEqualTo(ExitCodes.USAGE);
  }

  // ---- backends

  @Test
  void backendsListsWhatCanRun() {
    Result r = cli().run("backends");
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("(?m)^direct +available$").contains("default: pulumi");
    JsonNode doc = cli().env(CliContext.BACKEND_ENV, "direct").run("backends", "-o", "json").json();
    assertThat(doc.path("default").asText()).isEqualTo("direct");
    JsonNode direct = null;
    for (JsonNode b : doc.path("backends")) {
      assertThat(b.has("name") && b.has("available") && b.has("reason")).isTrue();
      if (b.path("name").asText().equals("direct")) {
        direct = b;
      }
    }
    assertThat(direct).isNotNull();
    assertThat(direct.path("available").asBoolean()).isTrue();
    assertThat(direct.path("reason").isNull()).isTrue();
  }
}
