package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.policy.Statement;
import io.iamkit.model.Manifests;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import org.junit.jupiter.api.Test;

/** The three canonical users built with the fluent API equal the parsed manifests and round-trip through YAML. */
class IamUserBuilderTest {

  static AwsIamUser cicdDeployer() {
    return IamUserBuilder.named("cicd-deployer")
        .userName("github-actions-deployer")
        .awsManagedPolicy("AmazonEC2ContainerRegistryFullAccess")
        .awsManagedPolicy("AmazonECS_FullAccess")
        .build().get();
  }

  static AwsIamUser paymentServiceUser() {
    return IamUserBuilder.named("payment-service-user")
        .userName("payment-service-prod")
        .inlinePolicy("PaymentServiceAccess", PolicyDocument.builder()
            .statement(Statement.allow()
                .actions("dynamodb:GetItem", "dynamodb:Query")
                .resources("arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable"))
            .statement(Statement.allow()
                .actions("lambda:InvokeFunction")
                .resources("arn:aws:lambda:us-east-1:123456789012:function:ProcessPaymentFunction")))
        .build().get();
  }

  static AwsIamUser complianceAuditor() {
    return IamUserBuilder.named("compliance-auditor")
        .userName("compliance-readonly")
        .awsManagedPolicy("ReadOnlyAccess")
        .disableAccessKeys(true)
        .tag("Owner", "security-team")
        .tag("Purpose", "compliance-scanning")
        .build().get();
  }

  @Test
  void cicdDeployerEqualsItsManifest() {
    assertThat(cicdDeployer()).isEqualTo(TestUsers.manifest("cicd-deployer.yaml"));
  }

  @Test
  void paymentServiceUserEqualsItsManifest() {
    assertThat(paymentServiceUser()).isEqualTo(TestUsers.manifest("payment-service-user.yaml"));
  }

  @Test
  void complianceAuditorEqualsItsManifest() {
    assertThat(complianceAuditor()).isEqualTo(TestUsers.manifest("compliance-auditor.yaml"));
  }

  @Test
  void canonicalUsersRoundTripThroughYaml() {
    for (AwsIamUser u : new AwsIamUser[] {cicdDeployer(), paymentServiceUser(), complianceAuditor()}) {
      String yaml = Manifests.toYaml(u);
      assertThat(yaml).contains("kind: AwsIamUser").contains(u.getSpec().getUserName());
      var back = Manifests.parse(yaml, "built.yaml");
      assertThat(back.isValid()).as(yaml).isTrue();
      assertThat(back.get().single()).isEqualTo(u);
    }
  }

  @Test
  void buildReportsEveryViolationAtOnceAndNoUser() {
    var built = IamUserBuilder.named("bad-user")
        .userName("deploy bot!")
        .managedPolicy("not-an-arn")
        .awsManagedPolicy("ReadOnlyAccess")
        .awsManagedPolicy("ReadOnlyAccess")
        .tag("aws:owner", "x")
        .build();
    assertThat(built.isInvalid()).isTrue();
    assertThat(built.getError()).extracting(Violation::path)
        .contains("spec.userName", "spec.managedPolicyArns[0]", "spec.managedPolicyArns[2]")
        .anyMatch(p -> p.startsWith("spec.tags"));
  }

  @Test
  void partitionAppliesToAwsManagedPolicies() {
    var built = IamUserBuilder.named("cn-user").userName("cn-user")
        .partition(Partition.AWS_CN).awsManagedPolicy("ReadOnlyAccess").build();
    assertThat(built.get().getSpec().getManagedPolicyArnsList()).containsExactly("arn:aws-cn:iam::aws:policy/ReadOnlyAccess");
  }

  @Test
  void fromAnExistingUserChangesOnlyWhatIsSet() {
    AwsIamUser renamed = IamUserBuilder.from(complianceAuditor()).userName("compliance-readonly-2").build().get();
    assertThat(renamed.getSpec().getUserName()).isEqualTo("compliance-readonly-2");
    assertThat(renamed.getSpec().getTagsMap()).isEqualTo(complianceAuditor().getSpec().getTagsMap());
    assertThat(renamed.getMetadata()).isEqualTo(complianceAuditor().getMetadata());
  }

  @Test
  void everyMetadataFieldOfAManifestCanBeBuilt() {
    String yaml = """
        apiVersion: aws.project-planton.org/v1
        kind: AwsIamUser
        metadata:
          name: full
          org: acme
          env: prod
          id: usr-123
          labels: {team: payments}
          annotations: {note: x}
          tags: {CostCenter: cc-42}
        spec:
          userName: full-user
          managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
        """;
    AwsIamUser parsed = Manifests.parse(yaml, "full.yaml").get().single();
    AwsIamUser built = IamUserBuilder.named("full").org("acme").env("prod").id("usr-123")
        .label("team", "payments").annotation("note", "x").metadataTag("CostCenter", "cc-42")
        .userName("full-user").awsManagedPolicy("ReadOnlyAccess")
        .build().get();
    assertThat(built).isEqualTo(parsed);
    assertThat(IamUserBuilder.named("clash").userName("clash").metadataTag("owner", "a").tag("Owner", "b")
        .build().getError()).extracting(Violation::rule).containsExactly("tag-key.duplicate");
  }

  @Test
  void optionalFieldsLandInTheProto() {
    AwsIamUser u = IamUserBuilder.named("full").userName("full-user").org("acme").env("prod")
        .label("team", "payments").annotation("note", "x")
        .path("/service-accounts/")
        .permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess")
        .secretDelivery("iamkit/full-user", "alias/iamkit")
        .awsManagedPolicy("ReadOnlyAccess")
        .build().get();
    assertThat(u.getSpec().getPath()).isEqualTo("/service-accounts/");
    assertThat(u.getSpec().getPermissionsBoundary()).isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
    assertThat(u.getSpec().getSecretDelivery().getSecretName()).isEqualTo("iamkit/full-user");
    assertThat(u.getSpec().getSecretDelivery().getKmsKeyId()).isEqualTo("alias/iamkit");
    assertThat(u.getMetadata().getOrg()).isEqualTo("acme");
    assertThat(u.getMetadata().getLabelsMap()).containsEntry("team", "payments");
  }
}
