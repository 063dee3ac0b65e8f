package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LocalStack through Testcontainers; reported as skipped, with the reason, where Docker is absent. */
class LocalStackEmulatorIT {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackEmulatorIT.class);
  static final String NO_DOCKER = "SKIPPED: LocalStack tests need a Docker engine and none "
      + "answered (Testcontainers checked DOCKER_HOST, ~/.testcontainers.properties and "
      + "/var/run/docker.sock); start Docker to run them";

  @BeforeEach
  void needsDocker() {
    boolean docker = AwsEmulators.dockerAvailable();
    if (!docker) {
      LOG.warn(NO_DOCKER);
    }
    assumeTrue(docker, NO_DOCKER);
  }

  @Test
  void startsThePinnedImageWithAllFourServices() {
    try (AwsEmulator ls = AwsEmulators.start(EmulatorKind.LOCALSTACK)) {
      assertThat(ls.kind()).isEqualTo(EmulatorKind.LOCALSTACK);
      assertThat(ls.iam().getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"))
          .policy().policyName()).isEqualTo("ReadOnlyAccess");
      assertThat(ls.sts().getCallerIdentity().account()).matches("\\d{12}");
      String secret = UniqueNames.name("iamkit-ls", 64);
      ls.secretsManager().createSecret(r -> r.name(secret).secretString("v"));
      assertThat(ls.secretsManager().getSecretValue(r -> r.secretId(secret)).secretString())
          .isEqualTo("v");
      assertThat(ls.cloudFormation().listStacks().stackSummaries()).isNotNull();
    }
  }
}
