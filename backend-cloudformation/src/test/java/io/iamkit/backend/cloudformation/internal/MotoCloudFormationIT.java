package io.iamkit.backend.cloudformation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Deploys synthesized templates to a real moto server through change sets and checks the result
 * through IAM reads. Besides proving that the templates deploy, these tests pin the emulator gaps
 * recorded in {@code EMULATOR-NOTES.md} (tests named {@code emulatorGap...}): if a moto upgrade
 * closes a gap, the test fails and the notes (and the backend's workarounds) must be revisited.
 * {@code moto_server} must be on PATH; a missing moto fails these tests, it never skips them.
 */
class MotoCloudFormationIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Process moto;
  private static CloudFormationClient cfn;
  private static IamClient iam;
  private static SecretsManagerClient secrets;
  private final TemplateSynthesizer synthesizer = new TemplateSynthesizer();

  @BeforeAll
  static void startMoto() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "moto-cfn-it.log").toFile());
    builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
    try {
      moto = builder.start();
    } catch (IOException e) {
      throw new AssertionError("moto_server is required on PATH: " + e, e);
    }
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        break;
      } catch (IOException notYet) {
        if (!moto.isAlive() || Instant.now().isAfter(deadline)) {
          throw new AssertionError("moto_server did not start on port " + port);
        }
        Thread.sleep(200);
      }
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    StaticCredentialsProvider creds =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    cfn = CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(creds).build();
    iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
        .credentialsProvider(creds).build();
    secrets = SecretsManagerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(creds).build();
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    for (AutoCloseable c : new AutoCloseable[] {cfn, iam, secrets}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing a client cannot fail in a way that matters here
      }
    }
    if (moto != null) {
      moto.destroy();
      if (!moto.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
    }
  }

  @Test
  void paymentServiceDeploysUserInlinePolicyAndActiveKeyThroughACreateChangeSet() throws Exception {
    AwsIamUser user = renamed("payment-service-user", "it-payment", "it-payment-prod");
    SynthesizedStack stack = synthesizer.synthesize(user);

    DescribeChangeSetResponse created = createChangeSet(stack, "create-1", ChangeSetType.CREATE);
    assertThat(created.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
    assertThat(created.changes()).extracting(c -> c.resourceChange().logicalResourceId())
        .containsExactlyInAnyOrder(
            "User", "InlinePolicyPaymentServiceAccess", "AccessKey", "AccessKeySecret");
    execute(stack, created);
    assertThat(stack(stack).stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);

    assertThat(iam.getUser(b -> b.userName("it-payment-prod")).user().path()).isEqualTo("/");
    assertThat(iam.listUserPolicies(b -> b.userName("it-payment-prod")).policyNames())
        .containsExactly("PaymentServiceAccess");
    String document = iam.getUserPolicy(b -> b.userName("it-payment-prod")
        .policyName("PaymentServiceAccess")).policyDocument();
    JsonNode expected = JSON.readTree(stack.templateBody())
        .at("/Resources/InlinePolicyPaymentServiceAccess/Properties/PolicyDocument");
    assertThat(JSON.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8)))
        .isEqualTo(expected);
    List<AccessKeyMetadata> keys =
        iam.listAccessKeys(b -> b.userName("it-payment-prod")).accessKeyMetadata();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).statusAsString()).isEqualTo("Active");
  }

  @Test
  void emulatorGapSecretsManagerSecretIsSkippedAndChangeSetStacksHaveNoOutputs() {
    AwsIamUser user = renamed("cicd-deployer", "it-secret", "it-secret-user");
    SynthesizedStack stack = synthesizer.synthesize(user);
    execute(stack, createChangeSet(stack, "create-1", ChangeSetType.CREATE));

    assertThat(iam.listAccessKeys(b -> b.userName("it-secret-user")).accessKeyMetadata())
        .hasSize(1);
    assertThat(secrets.listSecrets().secretList())
        .noneMatch(s -> s.name().equals(stack.secretName().orElseThrow()));
    assertThat(stack(stack).outputs()).isEmpty();
  }

  @Test
  void emulatorGapUserTagsAndManagedPolicyArnsAreIgnored() {
    AwsIamUser base = renamed("compliance-auditor", "it-tags", "it-tags-user");
    AwsIamUser user = base.toBuilder().setSpec(base.getSpec().toBuilder()
        .addManagedPolicyArns("arn:aws:iam::aws:policy/IAMUserChangePassword")).build();
    SynthesizedStack stack = synthesizer.synthesize(user);
    execute(stack, createChangeSet(stack, "create-1", ChangeSetType.CREATE));

    assertThat(iam.getUser(b -> b.userName("it-tags-user")).user().userName())
        .isEqualTo("it-tags-user");
    assertThat(iam.listUserTags(b -> b.userName("it-tags-user")).tags()).isEmpty();
    List<AttachedPolicy> attached =
        iam.listAttachedUserPolicies(b -> b.userName("it-tags-user")).attachedPolicies();
    assertThat(attached).isEmpty();
  }

  @Test
  void c09IdenticalTemplateGivesAFailedEmptyChangeSetThatCanBeDeleted() {
    AwsIamUser user = renamed("payment-service-user", "it-noop", "it-noop-user");
    SynthesizedStack stack = synthesizer.synthesize(user);
    execute(stack, createChangeSet(stack, "create-1", ChangeSetType.CREATE));

    DescribeChangeSetResponse same = createChangeSet(
        synthesizer.synthesize(user), "update-1", ChangeSetType.UPDATE);
    assertThat(same.status()).isEqualTo(ChangeSetStatus.FAILED);
    assertThat(same.statusReason()).contains("didn't contain changes");
    assertThat(same.changes()).isEmpty();

    cfn.deleteChangeSet(b -> b.changeSetName(same.changeSetId()));
    assertThatThrownBy(() -> cfn.describeChangeSet(b -> b.changeSetName(same.changeSetId())))
        .isInstanceOf(CloudFormationException.class);
  }

  @Test
  void updateChangeSetAddsAndRemovesInlinePolicies() {
    AwsIamUser user = renamed("payment-service-user", "it-update", "it-update-user");
    SynthesizedStack v1 = synthesizer.synthesize(user);
    execute(v1, createChangeSet(v1, "create-1", ChangeSetType.CREATE));

    AwsIamUser withExtra = user.toBuilder().setSpec(user.getSpec().toBuilder()
        .putInlinePolicies("extra-read", TemplateSynthesizerTest.policy("s3:GetObject"))).build();
    SynthesizedStack v2 = synthesizer.synthesize(withExtra);
    DescribeChangeSetResponse add = createChangeSet(v2, "update-1", ChangeSetType.UPDATE);
    assertThat(add.changes()).extracting(c -> c.resourceChange().actionAsString() + " "
            + c.resourceChange().logicalResourceId())
        .containsExactly("Add " + TemplateSynthesizer.inlinePolicyLogicalId("extra-read"));
    execute(v2, add);
    assertThat(iam.listUserPolicies(b -> b.userName("it-update-user")).policyNames())
        .containsExactlyInAnyOrder("PaymentServiceAccess", "extra-read");

    execute(v1, createChangeSet(v1, "update-2", ChangeSetType.UPDATE));
    assertThat(iam.listUserPolicies(b -> b.userName("it-update-user")).policyNames())
        .containsExactly("PaymentServiceAccess");
  }

  @Test
  void emulatorGapAnyChangeToTheUserResourceFailsWithEntityAlreadyExists() {
    AwsIamUser user = renamed("compliance-auditor", "it-usermod", "it-usermod-user");
    SynthesizedStack stack = synthesizer.synthesize(user);
    execute(stack, createChangeSet(stack, "create-1", ChangeSetType.CREATE));

    AwsIamUser retagged = user.toBuilder()
        .setSpec(user.getSpec().toBuilder().putTags("Owner", "another-team")).build();
    DescribeChangeSetResponse retag =
        createChangeSet(synthesizer.synthesize(retagged), "update-1", ChangeSetType.UPDATE);
    assertThatThrownBy(() -> execute(stack, retag))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("already exists");
    assertThat(stack(stack).stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
  }

  @Test
  void emulatorGapChangeSetNamesAreResolvedAcrossAllStacks() {
    SynthesizedStack a = synthesizer.synthesize(renamed("compliance-auditor", "it-name-a", "it-a"));
    SynthesizedStack b = synthesizer.synthesize(renamed("compliance-auditor", "it-name-b", "it-b"));
    DescribeChangeSetResponse first = createChangeSet(a, "shared-name", ChangeSetType.CREATE);
    DescribeChangeSetResponse second = createChangeSet(b, "shared-name", ChangeSetType.CREATE);
    assertThat(first.stackId()).isNotEqualTo(second.stackId());

    // asking for stack a's change set by name answers with stack b's
    DescribeChangeSetResponse byName = cfn.describeChangeSet(
        r -> r.stackName(a.stackName()).changeSetName("shared-name"));
    assertThat(byName.stackId()).isEqualTo(second.stackId());
  }

  @Test
  void deleteStackRemovesUserKeyAndInlinePolicy() {
    AwsIamUser user = renamed("payment-service-user", "it-delete", "it-delete-user");
    SynthesizedStack stack = synthesizer.synthesize(user);
    execute(stack, createChangeSet(stack, "create-1", ChangeSetType.CREATE));
    String stackId = stack(stack).stackId();

    cfn.deleteStack(b -> b.stackName(stack.stackName()));
    assertThat(cfn.describeStacks(b -> b.stackName(stackId)).stacks().get(0).stackStatus())
        .isEqualTo(StackStatus.DELETE_COMPLETE);
    assertThatThrownBy(() -> iam.getUser(b -> b.userName("it-delete-user")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  // ---- helpers

  private static AwsIamUser renamed(String manifest, String metadataName, String userName) {
    AwsIamUser user = TestManifests.load(manifest);
    return user.toBuilder()
        .setMetadata(user.getMetadata().toBuilder().setName(metadataName))
        .setSpec(user.getSpec().toBuilder().setUserName(userName))
        .build();
  }

  /**
   * Creates a change set and waits until it is settled. Change sets are addressed by their ARN from
   * here on: moto resolves a change-set <em>name</em> across all stacks (see EMULATOR-NOTES.md).
   */
  private static DescribeChangeSetResponse createChangeSet(
      SynthesizedStack stack, String name, ChangeSetType type) {
    String id = cfn.createChangeSet(b -> b.stackName(stack.stackName()).changeSetName(name)
        .changeSetType(type).templateBody(stack.templateBody())
        .capabilities(Capability.CAPABILITY_NAMED_IAM)).id();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      DescribeChangeSetResponse response = cfn.describeChangeSet(b -> b.changeSetName(id));
      if (response.status() == ChangeSetStatus.CREATE_COMPLETE
          || response.status() == ChangeSetStatus.FAILED) {
        return response;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("change set " + name + " stuck in " + response.status());
      }
      sleep();
    }
  }

  private static void execute(SynthesizedStack stack, DescribeChangeSetResponse changeSet) {
    cfn.executeChangeSet(b -> b.changeSetName(changeSet.changeSetId()));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (stack(stack).stackStatusAsString().endsWith("_IN_PROGRESS")) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("stack " + stack.stackName() + " stuck in progress");
      }
      sleep();
    }
  }

  private static Stack stack(SynthesizedStack stack) {
    return cfn.describeStacks(b -> b.stackName(stack.stackName())).stacks().get(0);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
