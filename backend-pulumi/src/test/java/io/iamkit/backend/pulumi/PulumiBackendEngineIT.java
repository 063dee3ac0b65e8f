package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.AwsEmulators;
import io.iamkit.testkit.UniqueNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * What only the pulumi backend has, with the real Pulumi engine, through the {@link Deployer}, against
 * the testkit's emulator: the state files (C-08), engine events, the rename with its key replacement
 * (C-03). The shared cases run in {@link PulumiConformanceIT}. Runs only where the {@code pulumi} CLI is on PATH (with its AWS plugin, or a network to
 * fetch it); skipped otherwise, with that reason. The emulator is started only after that check.
 */
class PulumiBackendEngineIT {
  static final String SKIP_REASON = "the pulumi CLI is not on PATH, so the Pulumi engine cannot run here; "
      + "the program is covered by UserProgramMockEngineTest and everything around the engine by the "
      + "other tests of this module";
  private static final String PASSPHRASE_VARIABLE = "IAMKIT_TEST_PULUMI_PASSPHRASE";

  @TempDir Path temp;
  private AwsEmulator emulator;
  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
  private Deployer deployer;

  @BeforeEach
  void engineRequired() {
    assumeTrue(PulumiCli.locate().isPresent(), SKIP_REASON);
    assumeTrue(System.getenv(PASSPHRASE_VARIABLE) != null || System.getenv("PULUMI_CONFIG_PASSPHRASE") != null,
        "set " + PASSPHRASE_VARIABLE + " or PULUMI_CONFIG_PASSPHRASE to run the engine tests");
    emulator = AwsEmulators.shared();
    AwsTarget target = emulator.target();
    DeployOptions options = DeployOptions.defaults().withStateDirectory(temp.resolve("state"));
    if (System.getenv(PASSPHRASE_VARIABLE) != null) {
      options = options.withBackendProperty(PulumiWorkspace.PROPERTY_PASSPHRASE_ENV, PASSPHRASE_VARIABLE);
    }
    deployer = Deployer.builder().backend("pulumi").target(target).options(options).listener(events::add).build();
  }

  private static AwsIamUser unique(String manifest) {
    AwsIamUser user = TestManifests.load(manifest);
    String name = UniqueNames.user(user.getSpec().getUserName());
    return user.toBuilder()
        .setMetadata(user.getMetadata().toBuilder().setName(UniqueNames.name(manifest, 60)))
        .setSpec(user.getSpec().toBuilder().setUserName(name))
        .build();
  }

  private List<AccessKeyMetadata> keys(String userName) {
    return emulator.iam().listAccessKeys(r -> r.userName(userName)).accessKeyMetadata();
  }

  private boolean exists(String userName) {
    try {
      emulator.iam().getUser(r -> r.userName(userName));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }



  @Test
  void C03_renameKeepsPoliciesAndExactlyOneWorkingKey() {
    AwsIamUser user = unique(TestManifests.CICD_DEPLOYER);
    String oldName = user.getSpec().getUserName();
    deployer.apply(user).get();
    AwsIamUser renamed = user.toBuilder()
        .setSpec(user.getSpec().toBuilder().setUserName(UniqueNames.user("renamed"))).build();
    String newName = renamed.getSpec().getUserName();

    Deployment deployment = deployer.apply(renamed).get();

    assertThat(exists(oldName)).isFalse();
    assertThat(keys(newName)).singleElement()
        .satisfies(k -> assertThat(k.accessKeyId()).isEqualTo(deployment.outputs().getAccessKeyId()));
    assertThat(deployment.outputs().getUserName()).isEqualTo(newName);
    assertThat(deployer.apply(renamed).get().changed()).isFalse();
    deployer.destroy(renamed).get();
  }



  @Test
  void C08_theSecretIsInNoEventOutputErrorOrStateFile() throws IOException {
    AwsIamUser user = unique(TestManifests.PAYMENT_SERVICE_USER);
    Deployment deployment = deployer.apply(user).get();
    String secret = deployment.secret().get().reveal();
    assertThat(secret).hasSize(40);

    assertThat(events).anyMatch(e -> e instanceof ProgressEvent.ResourceFinished f && f.kind() == ResourceKind.USER);
    assertThat(events.toString()).doesNotContain(secret);
    assertThat(deployment.toString()).doesNotContain(secret);
    assertThat(deployer.outputs(user).get().toString()).doesNotContain(secret);
    try (Stream<Path> files = Files.walk(temp.resolve("state"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret)
            .doesNotContain(java.util.Base64.getEncoder().encodeToString(secret.getBytes()));
      }
    }
    deployer.destroy(user).get();
  }

}
