package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.ListStacksResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Starts and stops private moto_server processes (not the shared one). */
class MotoServerEmulatorIT {

  @Test
  void startsOnLoopbackAndResolvesManagedPolicies() {
    try (AwsEmulator moto = AwsEmulators.start(EmulatorKind.MOTO)) {
      assertThat(moto.kind()).isEqualTo(EmulatorKind.MOTO);
      assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(moto.startupTime()).as("start-up was measured (see MotoStartupBenchmark)")
          .isPositive();

      GetPolicyResponse policy =
          moto.iam().getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
      assertThat(policy.policy().policyName()).isEqualTo("ReadOnlyAccess");
      assertThat(moto.iam().getPolicy(
          r -> r.policyArn("arn:aws:iam::aws:policy/IAMUserChangePassword")).policy().arn())
          .isEqualTo("arn:aws:iam::aws:policy/IAMUserChangePassword");
    }
  }

  @Test
  void everyClientTalksToTheEmulator() {
    try (AwsEmulator moto = AwsEmulators.start(EmulatorKind.MOTO)) {
      GetCallerIdentityResponse me = moto.sts().getCallerIdentity();
      assertThat(me.account()).matches("\\d{12}");

      String secret = UniqueNames.name("iamkit-it", 64);
      moto.secretsManager().createSecret(r -> r.name(secret).secretString("value-1"));
      assertThat(moto.secretsManager().getSecretValue(r -> r.secretId(secret)).secretString())
          .isEqualTo("value-1");

      ListStacksResponse stacks = moto.cloudFormation().listStacks();
      assertThat(stacks.stackSummaries()).isEmpty();
      assertThat(moto.credentials().resolveCredentials().accessKeyId()).isEqualTo("test");
    }
  }

  @Test
  void closeKillsTheProcessFreesThePortAndKeepsTheLog() throws Exception {
    MotoServerEmulator moto = (MotoServerEmulator) AwsEmulators.start(EmulatorKind.MOTO);
    int port = moto.endpoint().getPort();
    long pid = moto.pid();
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
    assertThat(moto.log()).startsWith(Settings.logDir());
    assertThat(moto.log().toString()).contains("target");

    moto.close();
    moto.close(); // idempotent

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(listening(port)).isFalse();
    assertThat(moto.log()).isRegularFile();
    assertThat(Files.readString(moto.log())).contains("Running on http://127.0.0.1:" + port);
  }

  @Test
  void twoEmulatorsAreIndependent() {
    try (AwsEmulator a = AwsEmulators.start(EmulatorKind.MOTO);
        AwsEmulator b = AwsEmulators.start(EmulatorKind.MOTO)) {
      assertThat(a.endpoint()).isNotEqualTo(b.endpoint());
      String user = UniqueNames.user("indep");
      a.iam().createUser(r -> r.userName(user));
      assertThat(a.iam().listUsers().users()).extracting("userName").contains(user);
      assertThat(b.iam().listUsers().users()).extracting("userName").doesNotContain(user);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
