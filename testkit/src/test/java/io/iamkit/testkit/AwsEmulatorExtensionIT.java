package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

@IamkitEmulator
class AwsEmulatorExtensionIT {

  @FromEmulator static AwsEmulator staticEmulator;
  static IamClient fromBeforeAll;

  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;
  @FromEmulator LiveUserReader reader;
  @FromEmulator AwsClientFactory factory;

  @BeforeAll
  static void lifecycleParametersAreInjectedToo(IamClient iamClient) {
    fromBeforeAll = iamClient;
  }

  @Test
  void injectsTheSharedEmulatorIntoFieldsAndParameters(AwsEmulator param, IamClient iamParam,
      StsClient sts, SecretsManagerClient secrets, CloudFormationClient cfn) {
    assertThat(param).isSameAs(emulator).isSameAs(staticEmulator)
        .isSameAs(AwsEmulators.shared());
    assertThat(iamParam).isSameAs(iam).isSameAs(emulator.iam()).isSameAs(fromBeforeAll);
    assertThat(sts).isSameAs(emulator.sts());
    assertThat(secrets).isSameAs(emulator.secretsManager());
    assertThat(cfn).isSameAs(emulator.cloudFormation());
    assertThat(factory.endpoint()).contains(emulator.endpoint());
  }

  @Test
  void injectedClientsReachTheEmulator(StsClient sts) {
    String user = UniqueNames.user("ext-inject");
    iam.createUser(r -> r.userName(user));
    assertThat(reader.read(user).map(u -> u.userName())).containsExactly(user);
    assertThat(sts.getCallerIdentity().account()).matches("\\d{12}");
    assertThat(emulator.iam().getPolicy(
        r -> r.policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).policy().policyName())
        .isEqualTo("ReadOnlyAccess");
  }

  @Test
  void theSharedEmulatorsStartUpIsRecordedForTheBuildReport() throws Exception {
    java.nio.file.Path file = Settings.logDir().resolve(AwsEmulators.STARTUPS_FILE);
    assertThat(java.nio.file.Files.readAllLines(file)).contains(emulator.kind().id() + "\t"
        + emulator.endpoint() + "\t" + emulator.startupTime().toMillis());
  }

  @Test
  void closingTheSharedEmulatorDoesNotStopItForOtherTests() {
    emulator.close();
    assertThat(emulator.iam().listUsers().users()).isNotNull();
  }

  @Test
  void onlyKnownTypesAreInjectable() {
    assertThat(AwsEmulatorExtension.supports(IamClient.class)).isTrue();
    assertThat(AwsEmulatorExtension.supports(LiveUserReader.class)).isTrue();
    assertThat(AwsEmulatorExtension.supports(String.class)).isFalse();
  }

  @Test
  void injectsADeployerBoundToTheEmulatorWithTheConfiguredBackend(io.iamkit.api.Deployer deployer) {
    assertThat(deployer.backendName()).isEqualTo(
        System.getProperty(AwsEmulatorExtension.BACKEND_PROPERTY, AwsEmulatorExtension.DEFAULT_BACKEND));
    assertThat(deployer.target().endpointOverride().get()).isEqualTo(emulator.endpoint());
    assertThat(deployer.target().region().get()).isEqualTo(emulator.region().id());
    assertThat(deployer.target().credentials()).isInstanceOfSatisfying(
        io.iamkit.api.AwsCredentials.Static.class, c -> {
          assertThat(c.accessKeyId()).isEqualTo(AwsEmulator.ACCESS_KEY_ID);
          assertThat(c.secretAccessKey().reveal()).isEqualTo(AwsEmulator.SECRET_ACCESS_KEY);
        });
  }
}
