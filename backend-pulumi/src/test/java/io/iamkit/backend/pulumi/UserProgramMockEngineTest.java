package io.iamkit.backend.pulumi;

import static io.iamkit.backend.pulumi.TestManifests.CICD_DEPLOYER;
import static io.iamkit.backend.pulumi.TestManifests.COMPLIANCE_AUDITOR;
import static io.iamkit.backend.pulumi.TestManifests.PAYMENT_SERVICE_USER;
import static io.iamkit.backend.pulumi.UserProgram.ACCESS_KEY;
import static io.iamkit.backend.pulumi.UserProgram.DELIVERY_SECRET;
import static io.iamkit.backend.pulumi.UserProgram.DELIVERY_SECRET_VERSION;
import static io.iamkit.backend.pulumi.UserProgram.INLINE_POLICIES_EXCLUSIVE;
import static io.iamkit.backend.pulumi.UserProgram.MANAGED_POLICIES_EXCLUSIVE;
import static io.iamkit.backend.pulumi.UserProgram.PROVIDER;
import static io.iamkit.backend.pulumi.UserProgram.USER;
import static io.iamkit.backend.pulumi.UserProgram.managedPolicyLogicalName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.backend.pulumi.MockEngine.Registration;
import io.iamkit.model.internal.StructJson;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.SecretDelivery;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Pulumi program on Pulumi's mock engine: which resources it registers, with which logical
 * names and inputs, and what it exports. No engine, no AWS: this checks the program, not a
 * deployment.
 */
class UserProgramMockEngineTest {
  private static final PulumiTarget AWS = PulumiTarget.aws("us-east-1");
  private static final String ECR = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess";
  private static final String ECS = "arn:aws:iam::aws:policy/AmazonECS_FullAccess";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  @Test
  void cicdDeployerRegistersUserTwoAttachmentsExclusivityAndOneKey() {
    MockEngine.Run run = MockEngine.run(TestManifests.load(CICD_DEPLOYER), AWS);
    MockEngine engine = run.engine();

    assertThat(engine.registrations()).extracting(Registration::type, Registration::name)
        .containsExactlyInAnyOrder(
            tuple("pulumi:providers:aws", PROVIDER),
            tuple("aws:iam/user:User", USER),
            tuple("aws:iam/userPolicyAttachment:UserPolicyAttachment",
                managedPolicyLogicalName(ECR)),
            tuple("aws:iam/userPolicyAttachment:UserPolicyAttachment",
                managedPolicyLogicalName(ECS)),
            tuple(
                "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
                MANAGED_POLICIES_EXCLUSIVE),
            tuple(
                "aws:iam/userPoliciesExclusive:UserPoliciesExclusive", INLINE_POLICIES_EXCLUSIVE),
            tuple("aws:iam/accessKey:AccessKey", ACCESS_KEY));

    assertThat(engine.named(USER).inputs()).containsOnly(
        entry("name", "github-actions-deployer"), entry("path", "/"), entry("forceDestroy", true));
    assertThat(engine.named(managedPolicyLogicalName(ECR)).inputs())
        .containsOnly(entry("user", "github-actions-deployer"), entry("policyArn", ECR));
    assertThat(engine.named(managedPolicyLogicalName(ECS)).inputs())
        .containsOnly(entry("user", "github-actions-deployer"), entry("policyArn", ECS));
    assertThat(engine.named(MANAGED_POLICIES_EXCLUSIVE).inputs()).containsOnly(
        entry("userName", "github-actions-deployer"), entry("policyArns", List.of(ECR, ECS)));
    assertThat(engine.named(INLINE_POLICIES_EXCLUSIVE).inputs()).containsOnly(
        entry("userName", "github-actions-deployer"), entry("policyNames", List.of()));
    assertThat(engine.named(ACCESS_KEY).inputs())
        .containsOnly(entry("user", "github-actions-deployer"), entry("status", "Active"));

    assertThat(run.outputs()).containsOnlyKeys("userArn", "userName", "userId", "consoleUrl",
        "accessKeyId", "secretAccessKey");
    assertThat(run.output("userArn")).isEqualTo("arn:aws:iam::123456789012:user/github-actions-deployer");
    assertThat(run.output("userName")).isEqualTo("github-actions-deployer");
    assertThat(run.output("userId")).isEqualTo("AIDAMOCKENGINE0000001");
    assertThat(run.output("accessKeyId")).isEqualTo(MockEngine.KEY_ID);
    assertThat(run.output("consoleUrl"))
        .isEqualTo("https://123456789012.signin.aws.amazon.com/console");
  }

  @Test
  void paymentServiceUserRegistersItsInlinePolicyWithExplicitNameAndJsonDocument() throws Exception {
    MockEngine.Run run = MockEngine.run(TestManifests.load(PAYMENT_SERVICE_USER), AWS);
    MockEngine engine = run.engine();

    assertThat(engine.registrations()).extracting(Registration::name).containsExactlyInAnyOrder(
        PROVIDER, USER, "inline-policy-PaymentServiceAccess", MANAGED_POLICIES_EXCLUSIVE,
        INLINE_POLICIES_EXCLUSIVE, ACCESS_KEY);
    Registration policy = engine.named("inline-policy-PaymentServiceAccess");
    assertThat(policy.type()).isEqualTo("aws:iam/userPolicy:UserPolicy");
    assertThat(policy.inputs()).containsOnlyKeys("user", "name", "policy")
        .contains(entry("user", "payment-service-prod"), entry("name", "PaymentServiceAccess"));
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree((String) policy.inputs().get("policy"))).isEqualTo(json.readTree("""
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
           "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable"},
          {"Effect": "Allow", "Action": "lambda:InvokeFunction",
           "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ProcessPaymentFunction"}]}
        """));
    assertThat((String) policy.inputs().get("policy")).doesNotContain(" ", "\n");
    assertThat(engine.named(INLINE_POLICIES_EXCLUSIVE).inputs()).containsOnly(
        entry("userName", "payment-service-prod"), entry("policyNames", List.of("PaymentServiceAccess")));
    assertThat(engine.named(MANAGED_POLICIES_EXCLUSIVE).inputs()).containsOnly(
        entry("userName", "payment-service-prod"), entry("policyArns", List.of()));
    assertThat(engine.named(USER).inputs()).containsOnly(
        entry("name", "payment-service-prod"), entry("path", "/"), entry("forceDestroy", true));
  }

  @Test
  void complianceAuditorHasTagsAndNoKeyAndNoKeyOutputs() {
    MockEngine.Run run = MockEngine.run(TestManifests.load(COMPLIANCE_AUDITOR), AWS);
    MockEngine engine = run.engine();

    assertThat(engine.registrations()).extracting(Registration::name).containsExactlyInAnyOrder(
        PROVIDER, USER, managedPolicyLogicalName(READ_ONLY), MANAGED_POLICIES_EXCLUSIVE,
        INLINE_POLICIES_EXCLUSIVE);
    assertThat(engine.named(USER).inputs()).containsOnly(
        entry("name", "compliance-readonly"), entry("path", "/"), entry("forceDestroy", true),
        entry("tags", Map.of("Owner", "security-team", "Purpose", "compliance-scanning")));
    assertThat(engine.ofType("aws:iam/accessKey:AccessKey")).isEmpty();
    assertThat(run.outputs()).containsOnlyKeys("userArn", "userName", "userId", "consoleUrl");
  }

  @Test
  void reorderedManagedArnsGiveIdenticalLogicalNamesAndInputs() {
    AwsIamUser original = TestManifests.load(CICD_DEPLOYER);
    AwsIamUser reordered = original.toBuilder().setSpec(original.getSpec().toBuilder()
        .clearManagedPolicyArns().addManagedPolicyArns(ECS).addManagedPolicyArns(ECR)).build();

    MockEngine a = MockEngine.run(original, AWS).engine();
    MockEngine b = MockEngine.run(reordered, AWS).engine();

    assertThat(b.ofType("aws:iam/userPolicyAttachment:UserPolicyAttachment"))
        .extracting(Registration::name, Registration::inputs)
        .containsExactlyInAnyOrderElementsOf(
            a.ofType("aws:iam/userPolicyAttachment:UserPolicyAttachment").stream()
                .map(r -> tuple(r.name(), r.inputs())).toList());
    assertThat(b.registrations()).extracting(Registration::name)
        .containsExactlyInAnyOrderElementsOf(a.registrations().stream().map(Registration::name).toList());
  }

  @Test
  void managedPolicyLogicalNamesDependOnTheWholeArnOnly() {
    String customerPolicy = "arn:aws:iam::111122223333:policy/team-a/ReadOnlyAccess";
    assertThat(managedPolicyLogicalName(READ_ONLY)).isEqualTo(managedPolicyLogicalName(READ_ONLY))
        .startsWith("managed-policy-ReadOnlyAccess-")
        .isNotEqualTo(managedPolicyLogicalName(customerPolicy))
        .doesNotContain("::");
  }

  @Test
  void inlinePolicyNamesEqualTheMapKeys() {
    AwsIamUser base = TestManifests.load(PAYMENT_SERVICE_USER);
    var document = base.getSpec().getInlinePoliciesOrThrow("PaymentServiceAccess");
    AwsIamUser twoPolicies = base.toBuilder().setSpec(base.getSpec().toBuilder()
        .putInlinePolicies("Audit.Read+Logs@team", document)).build();

    MockEngine engine = MockEngine.run(twoPolicies, AWS).engine();

    assertThat(engine.ofType("aws:iam/userPolicy:UserPolicy"))
        .extracting(r -> r.inputs().get("name"), Registration::name)
        .containsExactlyInAnyOrder(
            tuple("PaymentServiceAccess", "inline-policy-PaymentServiceAccess"),
            tuple("Audit.Read+Logs@team", "inline-policy-Audit.Read+Logs@team"));
    assertThat(engine.named(INLINE_POLICIES_EXCLUSIVE).inputs().get("policyNames"))
        .isEqualTo(List.of("Audit.Read+Logs@team", "PaymentServiceAccess"));
  }

  @Test
  void C04_disablingKeysRemovesTheKeyResourceAndItsExports() {
    AwsIamUser withKey = TestManifests.load(CICD_DEPLOYER);
    AwsIamUser withoutKey = withKey.toBuilder()
        .setSpec(withKey.getSpec().toBuilder().setDisableAccessKeys(true)).build();

    MockEngine.Run keyed = MockEngine.run(withKey, AWS);
    MockEngine.Run keyless = MockEngine.run(withoutKey, AWS);

    assertThat(keyed.engine().ofType("aws:iam/accessKey:AccessKey")).hasSize(1);
    assertThat(keyed.outputs()).containsKeys("accessKeyId", "secretAccessKey");
    assertThat(keyless.engine().ofType("aws:iam/accessKey:AccessKey")).isEmpty();
    assertThat(keyless.outputs()).doesNotContainKeys("accessKeyId", "secretAccessKey");
    assertThat(keyless.engine().registrations()).extracting(Registration::name)
        .containsExactlyInAnyOrderElementsOf(keyed.engine().registrations().stream()
            .map(Registration::name).filter(n -> !n.equals(ACCESS_KEY)).toList());
  }

  @Test
  void C08_secretAccessKeyIsExportedOnlyAsSecret() {
    MockEngine.Run run = MockEngine.run(TestManifests.load(CICD_DEPLOYER), AWS);

    assertThat(run.isSecret("secretAccessKey")).isTrue();
    assertThat(run.output("secretAccessKey")).isEqualTo(MockEngine.SECRET_ACCESS_KEY);
    for (String name : List.of("userArn", "userName", "userId", "consoleUrl", "accessKeyId")) {
      assertThat(run.isSecret(name)).as(name).isFalse();
      assertThat(String.valueOf(run.output(name))).as(name).doesNotContain(MockEngine.SECRET_ACCESS_KEY);
    }
  }

  @Test
  void C03_renameChangesOnlyTheUserNameInputNotLogicalNames() {
    AwsIamUser before = TestManifests.load(PAYMENT_SERVICE_USER);
    AwsIamUser after = before.toBuilder()
        .setSpec(before.getSpec().toBuilder().setUserName("payment-service-prod-v2")).build();

    MockEngine a = MockEngine.run(before, AWS).engine();
    MockEngine b = MockEngine.run(after, AWS).engine();

    assertThat(b.registrations()).extracting(Registration::type, Registration::name)
        .containsExactlyInAnyOrderElementsOf(a.registrations().stream()
            .map(r -> tuple(r.type(), r.name())).toList());
    assertThat(a.named(USER).inputs()).containsEntry("name", "payment-service-prod");
    assertThat(b.named(USER).inputs()).containsEntry("name", "payment-service-prod-v2");
    Map<String, Object> userBefore = new HashMap<>(a.named(USER).inputs());
    Map<String, Object> userAfter = new HashMap<>(b.named(USER).inputs());
    userBefore.remove("name");
    userAfter.remove("name");
    assertThat(userAfter).isEqualTo(userBefore);
    assertThat(b.named(ACCESS_KEY).inputs()).containsEntry("user", "payment-service-prod-v2");
  }

  @Test
  void C07_caseOnlyRenameKeepsEveryLogicalName() {
    AwsIamUser before = TestManifests.load(CICD_DEPLOYER);
    AwsIamUser after = before.toBuilder()
        .setSpec(before.getSpec().toBuilder().setUserName("GitHub-Actions-Deployer")).build();

    MockEngine a = MockEngine.run(before, AWS).engine();
    MockEngine b = MockEngine.run(after, AWS).engine();

    assertThat(b.registrations()).extracting(Registration::name)
        .containsExactlyInAnyOrderElementsOf(a.registrations().stream().map(Registration::name).toList());
    assertThat(b.named(USER).inputs()).containsEntry("name", "GitHub-Actions-Deployer");
  }

  @Test
  void tagsMergeMetadataTagsAndSpecTagsWithSpecWinning() {
    AwsIamUser base = TestManifests.load(COMPLIANCE_AUDITOR);
    AwsIamUser withMetadataTags = base.toBuilder().setMetadata(base.getMetadata().toBuilder()
        .putTags("CostCenter", "cc-42").putTags("Owner", "platform-team")
        .addTagList("not-an-iam-tag")).build();

    MockEngine engine = MockEngine.run(withMetadataTags, AWS).engine();

    assertThat(engine.named(USER).inputs().get("tags")).isEqualTo(Map.of(
        "CostCenter", "cc-42", "Owner", "security-team", "Purpose", "compliance-scanning"));
  }

  @Test
  void pathAndPermissionsBoundaryArePassedWhenGiven() {
    AwsIamUser base = TestManifests.load(CICD_DEPLOYER);
    String boundary = "arn:aws:iam::123456789012:policy/boundaries/ci";
    AwsIamUser user = base.toBuilder().setSpec(base.getSpec().toBuilder()
        .setPath("/ci/").setPermissionsBoundary(boundary)).build();

    MockEngine.Run run = MockEngine.run(user, AWS);

    assertThat(run.engine().named(USER).inputs()).containsOnly(
        entry("name", "github-actions-deployer"), entry("path", "/ci/"), entry("forceDestroy", true),
        entry("permissionsBoundary", boundary));
    assertThat(run.output("userArn")).isEqualTo("arn:aws:iam::123456789012:user/ci/github-actions-deployer");
  }

  @Test
  void everyResourceUsesTheExplicitProvider() {
    MockEngine engine = MockEngine.run(TestManifests.load(PAYMENT_SERVICE_USER), AWS).engine();

    List<Registration> resources = engine.registrations().stream()
        .filter(r -> !r.type().startsWith("pulumi:providers:")).toList();
    String providerReference = "urn:pulumi:payment-service-user::iamkit::pulumi:pulumi:Stack$"
        + "pulumi:providers:aws::" + PROVIDER + "::" + PROVIDER + "-id";
    assertThat(resources).hasSize(5)
        .allSatisfy(r -> assertThat(r.provider()).as(r.name()).isEqualTo(providerReference));
  }

  @Test
  void providerCarriesEndpointOverridesForAnEmulatorTarget() throws Exception {
    PulumiTarget moto = PulumiTarget.emulator("eu-west-1", URI.create("http://127.0.0.1:45123"),
        PulumiTarget.StaticCredentials.of("test", "test"));

    MockEngine engine = MockEngine.run(TestManifests.load(CICD_DEPLOYER), moto).engine();

    // a first-class provider's inputs reach the engine JSON-encoded: scalars as strings
    Map<String, Object> inputs = engine.named(PROVIDER).inputs();
    assertThat(inputs).containsOnlyKeys("region", "accessKey", "secretKey", "endpoints",
            "skipCredentialsValidation", "skipRequestingAccountId", "skipMetadataApiCheck",
            "skipRegionValidation")
        .contains(entry("region", "eu-west-1"), entry("accessKey", "test"), entry("secretKey", "test"),
            entry("skipCredentialsValidation", "true"), entry("skipRequestingAccountId", "true"),
            entry("skipMetadataApiCheck", "true"), entry("skipRegionValidation", "true"));
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree((String) inputs.get("endpoints"))).isEqualTo(json.readTree("""
        [{"iam": "http://127.0.0.1:45123", "sts": "http://127.0.0.1:45123",
          "secretsmanager": "http://127.0.0.1:45123"}]"""));
  }

  @Test
  void providerForRealAwsHasNoEndpointOverridesOrSkips() {
    MockEngine engine = MockEngine.run(TestManifests.load(CICD_DEPLOYER), AWS).engine();

    // skipCredentialsValidation=false and skipRegionValidation=true are the package's own defaults
    assertThat(engine.named(PROVIDER).inputs()).containsOnly(entry("region", "us-east-1"),
        entry("skipCredentialsValidation", "false"), entry("skipRegionValidation", "true"));
  }

  @Test
  void secretDeliveryAddsSecretAndSecretVersionHoldingTheKeyAsJson() throws Exception {
    AwsIamUser base = TestManifests.load(CICD_DEPLOYER);
    AwsIamUser delivered = base.toBuilder().setSpec(base.getSpec().toBuilder().setSecretDelivery(
        SecretDelivery.newBuilder()
            .setSecretName("iamkit/github-actions-deployer").setKmsKeyId("alias/ci-secrets"))).build();

    MockEngine.Run run = MockEngine.run(delivered, AWS);
    MockEngine engine = run.engine();

    assertThat(engine.named(DELIVERY_SECRET).type()).isEqualTo("aws:secretsmanager/secret:Secret");
    assertThat(engine.named(DELIVERY_SECRET).inputs()).contains(
        entry("name", "iamkit/github-actions-deployer"), entry("kmsKeyId", "alias/ci-secrets"),
        entry("recoveryWindowInDays", 0.0));
    Registration version = engine.named(DELIVERY_SECRET_VERSION);
    assertThat(version.type()).isEqualTo("aws:secretsmanager/secretVersion:SecretVersion");
    assertThat(version.inputs()).containsOnlyKeys("secretId", "secretString");
    assertThat(new ObjectMapper().readTree((String) version.inputs().get("secretString")))
        .isEqualTo(new ObjectMapper().readTree("{\"accessKeyId\": \"" + MockEngine.KEY_ID
            + "\", \"secretAccessKey\": \"" + MockEngine.SECRET_ACCESS_KEY
            + "\", \"userName\": \"github-actions-deployer\"}"));
    assertThat(run.outputs()).containsKey("secretArn");
    assertThat((String) run.output("secretArn"))
        .startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:iamkit/github-actions-deployer");
    assertThat(run.isSecret("secretArn")).isFalse();
  }

  @Test
  void withoutSecretDeliveryThereIsNoSecretAndNoSecretArn() {
    MockEngine.Run run = MockEngine.run(TestManifests.load(CICD_DEPLOYER), AWS);

    assertThat(run.engine().ofType("aws:secretsmanager/secret:Secret")).isEmpty();
    assertThat(run.engine().ofType("aws:secretsmanager/secretVersion:SecretVersion")).isEmpty();
    assertThat(run.outputs()).doesNotContainKey("secretArn");
  }

  @Test
  void secretDeliveryWithKeysDisabledDeliversNothing() {
    AwsIamUser base = TestManifests.load(COMPLIANCE_AUDITOR);
    AwsIamUser user = base.toBuilder().setSpec(base.getSpec().toBuilder().setSecretDelivery(
        SecretDelivery.newBuilder().setSecretName("iamkit/compliance-readonly"))).build();

    MockEngine.Run run = MockEngine.run(user, AWS);

    assertThat(run.engine().ofType("aws:iam/accessKey:AccessKey")).isEmpty();
    assertThat(run.engine().ofType("aws:secretsmanager/secret:Secret")).isEmpty();
    assertThat(run.outputs()).doesNotContainKeys("accessKeyId", "secretAccessKey", "secretArn");
  }

  @Test
  void consoleUrlFollowsThePartitionOfTheUserArn() {
    assertThat(UserProgram.consoleUrl("arn:aws:iam::123456789012:user/ci/x"))
        .isEqualTo("https://123456789012.signin.aws.amazon.com/console");
    assertThat(UserProgram.consoleUrl("arn:aws-cn:iam::210987654321:user/x"))
        .isEqualTo("https://210987654321.signin.amazonaws.cn/console");
    assertThat(UserProgram.consoleUrl("arn:aws-us-gov:iam::111122223333:user/x"))
        .isEqualTo("https://111122223333.signin.amazonaws-us-gov.com/console");
  }

  @Test
  void wholeNumbersInPolicyConditionsStayIntegers() throws Exception {
    var document = com.google.protobuf.Struct.newBuilder();
    com.google.protobuf.util.JsonFormat.parser().merge("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
          "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": 3600}, "Bool": {"aws:SecureTransport": false}}}]}
        """, document);

    assertThat(StructJson.compact(document.build())).isEqualTo(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
            + "\"Condition\":{\"NumericGreaterThan\":{\"aws:MultiFactorAuthAge\":3600},"
            + "\"Bool\":{\"aws:SecureTransport\":false}}}]}");
  }
}
