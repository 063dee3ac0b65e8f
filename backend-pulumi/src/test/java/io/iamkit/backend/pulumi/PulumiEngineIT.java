package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pulumi.automation.OutputValue;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.UpResult;
import com.pulumi.automation.WorkspaceStack;
import io.iamkit.model.proto.AwsIamUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The real Pulumi engine, through the Automation API, against a moto server. Runs only where the
 * {@code pulumi} CLI (and its AWS plugin, or a network to fetch it) is present; skipped otherwise,
 * with that reason.
 */
class PulumiEngineIT {
  static final String SKIP_REASON = "the pulumi CLI is not on PATH, so the Pulumi engine "
      + "cannot run here; the program is covered by UserProgramMockEngineTest";
  private static final String PASSPHRASE = "iamkit-engine-test-passphrase";

  @TempDir Path temp;

  @BeforeEach
  void engineRequired() {
    assumeTrue(PulumiCli.locate().isPresent(), SKIP_REASON);
  }

  @Test
  void C11_cicdDeployerUpDestroyAndUpAgainOnMoto() throws Exception {
    AwsIamUser manifest = TestManifests.load(TestManifests.CICD_DEPLOYER);
    String userName = manifest.getSpec().getUserName();
    try (MotoServerProcess moto = MotoServerProcess.start(Files.createDirectories(temp.resolve("logs")).resolve("moto.log"));
        IamClient iam = IamClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      PulumiTarget target = PulumiTarget.emulator("us-east-1", moto.endpoint(),
          PulumiTarget.StaticCredentials.of("test", "test"));
      PulumiWorkspace workspace = PulumiWorkspace.open(
          PulumiWorkspace.Settings.of(temp.resolve("state")).withPassphrase(PASSPHRASE)).get();
      WorkspaceStack stack = workspace.stack(manifest, target);

      UpResult first = stack.up(UpOptions.builder().build());
      Map<String, OutputValue> outputs = first.outputs();
      assertThat(outputs.get("userName").value()).isEqualTo(userName);
      assertThat(outputs.get("secretAccessKey").isSecret()).isTrue();
      String firstKeyId = (String) outputs.get("accessKeyId").value();
      String secret = (String) outputs.get("secretAccessKey").value();
      assertThat(secret).hasSize(40);
      assertThat(iam.listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies())
          .extracting(AttachedPolicy::policyArn)
          .containsExactlyInAnyOrderElementsOf(manifest.getSpec().getManagedPolicyArnsList());
      assertThat(iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata())
          .extracting(AccessKeyMetadata::accessKeyId).containsExactly(firstKeyId);
      // C-08: the state keeps the key encrypted
      assertThat(stack.exportStack().deployment().toString()).doesNotContain(secret);

      stack.destroy();
      assertThatThrownBy(() -> iam.getUser(r -> r.userName(userName))).isInstanceOf(NoSuchEntityException.class);

      UpResult second = stack.up(UpOptions.builder().build());
      String secondKeyId = (String) second.outputs().get("accessKeyId").value();
      assertThat(secondKeyId).isNotEqualTo(firstKeyId);
      assertThat(iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata())
          .extracting(AccessKeyMetadata::accessKeyId).containsExactly(secondKeyId);
      stack.destroy();
      assertThatThrownBy(() -> iam.getUser(r -> r.userName(userName))).isInstanceOf(NoSuchEntityException.class);
    }
  }
}
