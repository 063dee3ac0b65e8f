package io.iamkit.backend.cloudformation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.iamkit.model.proto.SecretDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every synthesized template passes {@code cfn-lint} (run as a process on files under
 * {@code target/cfn-lint}). cfn-lint must be on PATH: a missing cfn-lint fails these tests, it
 * never skips them.
 */
class CfnLintTest {

  private static final Path DIR = Path.of("target", "cfn-lint");

  @ParameterizedTest
  @ValueSource(strings = {"cicd-deployer", "payment-service-user", "compliance-auditor"})
  void canonicalTemplatesPassCfnLint(String name) throws Exception {
    Lint result = lint(name, new TemplateSynthesizer().synthesize(TestManifests.load(name)));
    assertThat(result.exitCode()).as("cfn-lint output:%n%s", result.output()).isZero();
    assertThat(result.output()).isBlank();
  }

  @Test
  void templateWithEveryOptionalPropertyPassesCfnLint() throws Exception {
    AwsIamUser user = AwsIamUser.newBuilder()
        .setMetadata(Metadata.newBuilder().setName("full-options").putTags("Env", "test"))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName("full.options@svc")
            .setPath("/service/accounts/")
            .setPermissionsBoundary("arn:aws:iam::123456789012:policy/Boundary")
            .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess")
            .putInlinePolicies("s3-read", TemplateSynthesizerTest.policy("s3:GetObject"))
            .putInlinePolicies("s3_write", TemplateSynthesizerTest.policy("s3:PutObject"))
            .putTags("Owner", "team")
            .setSecretDelivery(SecretDelivery.newBuilder().setSecretName("ci/full-options")
                .setKmsKeyId("alias/iamkit")))
        .build();
    Lint result = lint("full-options", new TemplateSynthesizer().synthesize(user));
    assertThat(result.exitCode()).as("cfn-lint output:%n%s", result.output()).isZero();
    assertThat(result.output()).isBlank();
  }

  /** Control: the check can fail. A property of the wrong type must make cfn-lint complain. */
  @Test
  void cfnLintRejectsABrokenTemplate() throws Exception {
    String body = new TemplateSynthesizer().synthesize(TestManifests.load("cicd-deployer"))
        .templateBody().replace("\"Serial\": 1", "\"Serial\": \"one\"");
    Lint result = lint("broken", body);
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("E3012").contains("'one'");
  }

  private static Lint lint(String name, SynthesizedStack stack) throws Exception {
    return lint(name, stack.templateBody());
  }

  private static Lint lint(String name, String body) throws Exception {
    Files.createDirectories(DIR);
    Path file = DIR.resolve(name + ".template.json");
    Files.writeString(file, body, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of("cfn-lint", "--", file.toString()));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cfn-lint is required on PATH to verify templates: " + e, e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("cfn-lint did not finish in 120 s");
    }
    return new Lint(process.exitValue(), output);
  }

  private record Lint(int exitCode, String output) {}
}
