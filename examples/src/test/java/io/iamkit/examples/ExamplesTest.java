package io.iamkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.model.Lint;
import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The examples in code, their YAML twins in examples/manifests and the project's case manifests are one and the same. */
class ExamplesTest {

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("cicd-deployer", (Supplier<AwsIamUser>) CicdDeployer::user),
        Arguments.of("payment-service-user", (Supplier<AwsIamUser>) PaymentServiceUser::user),
        Arguments.of("compliance-auditor", (Supplier<AwsIamUser>) ComplianceAuditor::user));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void codeEqualsItsYamlTwinAndTheCaseManifest(String name, Supplier<AwsIamUser> code) throws IOException {
    AwsIamUser fromCode = code.get();
    AwsIamUser fromYaml = Manifests.read(Path.of("manifests", name + ".yaml")).get().single();
    AwsIamUser fromCase;
    try (InputStream in = getClass().getResourceAsStream("/io/iamkit/testkit/cases/" + name + ".yaml")) {
      assertThat(in).as("the testkit's copy of cases/manifests/%s.yaml", name).isNotNull();
      fromCase = Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name).get().single();
    }
    assertThat(fromCode).isEqualTo(fromYaml).isEqualTo(fromCase);
    assertThat(fromCode.getMetadata().getName()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void examplesAreLeastPrivilegeByTheLint(String name, Supplier<AwsIamUser> code) {
    assertThat(Lint.check(code.get())).isEmpty();
  }

  @Test
  void mainWithoutArgumentsPrintsTheManifest() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Examples.run(PaymentServiceUser.user(), new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Map.of());
    assertThat(code).isZero();
    assertThat(Manifests.parse(bytes.toString(StandardCharsets.UTF_8), "stdout").get().single())
        .isEqualTo(PaymentServiceUser.user());
  }

  @Test
  void mainRejectsAnUnknownOperation() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Examples.run(CicdDeployer.user(), new String[] {"deploy"}, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Map.of());
    assertThat(code).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown operation 'deploy'");
  }

  @Test
  void outOfBandChangeNeedsAnEndpointAndAUser() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(OutOfBandChange.run(new String[] {"--user", "x"}, out)).isEqualTo(2);
    assertThat(OutOfBandChange.run(new String[] {"--endpoint", "http://127.0.0.1:1", "--user"}, out)).isEqualTo(2);
    assertThat(OutOfBandChange.run(new String[] {"--bogus", "1"}, out)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: OutOfBandChange --endpoint URL --user NAME");
  }
}
