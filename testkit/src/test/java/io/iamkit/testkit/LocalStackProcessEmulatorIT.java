package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * LocalStack as a process (no Docker), through scripts/localstack/. Runs only when selected with
 * {@code -Diamkit.emulator=localstack-process} (it takes 10-16 s to start, more to install);
 * otherwise it is reported as skipped with that reason.
 */
class LocalStackProcessEmulatorIT {

  @Test
  void startsServesIamStsAndSecretsManagerAndStopsCleanly() throws Exception {
    assumeTrue(EmulatorKind.LOCALSTACK_PROCESS.id().equals(System.getProperty("iamkit.emulator")),
        "LocalStack as a process runs only when selected: -Diamkit.emulator=localstack-process");
    LocalStackProcessEmulator ls = (LocalStackProcessEmulator) AwsEmulators.start(
        EmulatorKind.LOCALSTACK_PROCESS);
    int port = ls.port();
    try {
      assertThat(ls.kind()).isEqualTo(EmulatorKind.LOCALSTACK_PROCESS);
      assertThat(ls.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(ls.sts().getCallerIdentity().account()).matches("\\d{12}");
      String user = UniqueNames.user("ls-process");
      ls.iam().createUser(r -> r.userName(user));
      assertThat(ls.iam().getUser(r -> r.userName(user)).user().arn()).endsWith(":user/" + user);
      assertThat(ls.iam().getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"))
          .policy().policyName()).isEqualTo("ReadOnlyAccess");
      String secret = UniqueNames.name("ls-process", 64);
      ls.secretsManager().createSecret(r -> r.name(secret).secretString("v1"));
      assertThat(ls.secretsManager().getSecretValue(r -> r.secretId(secret)).secretString())
          .isEqualTo("v1");
      assertThat(ls.cloudFormation().listStacks().stackSummaries()).isNotNull();
      assertThat(listening(port)).isTrue();
    } finally {
      ls.close();
      ls.close(); // idempotent
    }
    assertThat(listening(port)).as("port freed after close").isFalse();
    assertThat(ls.log()).isRegularFile();
    assertThat(Files.readString(ls.log())).isNotEmpty();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
