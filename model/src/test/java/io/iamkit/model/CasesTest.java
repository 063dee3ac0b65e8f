package io.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The manifests of the shared case list: the valid ones are accepted, each invalid one is rejected with every violation. */
class CasesTest {

  @ParameterizedTest
  @ValueSource(strings = {"cicd-deployer.yaml", "payment-service-user.yaml", "compliance-auditor.yaml"})
  void canonicalManifestsAreValid(String file) {
    AwsIamUser user = CaseFiles.user("manifests/" + file);
    assertThat(Validator.create().validate(user).isValid())
        .as("%s: %s", file, Validator.create().validate(user))
        .isTrue();
    assertThat(user.getMetadata().getName()).isEqualTo(file.replace(".yaml", ""));
  }

  @Test
  @DisplayName("manifests/cicd-deployer.yaml")
  void cicdDeployer() {
    AwsIamUser user = CaseFiles.user("manifests/cicd-deployer.yaml");
    assertThat(user.getSpec().getUserName()).isEqualTo("github-actions-deployer");
    assertThat(user.getSpec().getManagedPolicyArnsList()).containsExactly(
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess",
        "arn:aws:iam::aws:policy/AmazonECS_FullAccess");
    assertThat(user.getSpec().getDisableAccessKeys()).isFalse();
  }

  @Test
  @DisplayName("manifests/payment-service-user.yaml")
  void paymentServiceUser() {
    AwsIamUser user = CaseFiles.user("manifests/payment-service-user.yaml");
    var policy = user.getSpec().getInlinePoliciesOrThrow("PaymentServiceAccess");
    assertThat(policy.getFieldsOrThrow("Version").getStringValue()).isEqualTo("2012-10-17");
    assertThat(policy.getFieldsOrThrow("Statement").getListValue().getValuesCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("manifests/compliance-auditor.yaml")
  void complianceAuditor() {
    AwsIamUser user = CaseFiles.user("manifests/compliance-auditor.yaml");
    assertThat(user.getSpec().getDisableAccessKeys()).isTrue();
    assertThat(user.getSpec().getTagsMap())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("Owner", "security-team", "Purpose", "compliance-scanning"));
  }

  @Test
  void canonicalManifestsTogetherAreValid() {
    var read = Manifests.read(CaseFiles.path("manifests"));
    assertThat(read.get().map(u -> u.getMetadata().getName()))
        .containsExactly("cicd-deployer", "compliance-auditor", "payment-service-user");
    assertThat(Validator.create().validateAll(read.get()).isValid()).isTrue();
  }

  @Test
  @DisplayName("invalid/bad-user-name.yaml")
  void badUserName() {
    Seq<Violation> violations = CaseFiles.violations("invalid/bad-user-name.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "user-name.charset"));
    assertThat(violations.head().message()).contains("deploy bot!").contains("[\\w+=,.@-]{1,64}");
  }

  @Test
  @DisplayName("invalid/too-long-user-name.yaml")
  void tooLongUserName() {
    Seq<Violation> violations = CaseFiles.violations("invalid/too-long-user-name.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "user-name.length"));
    assertThat(violations.head().message()).contains("65 characters").contains("at most 64");
  }

  @Test
  @DisplayName("invalid/bad-arns.yaml")
  void badArns() {
    Seq<Violation> violations = CaseFiles.violations("invalid/bad-arns.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("spec.managedPolicyArns[0]", "managed-policy-arn.format"),
        tuple("spec.managedPolicyArns[2]", "managed-policy-arn.duplicate"));
    assertThat(violations.find(v -> v.rule().endsWith("duplicate")).get().message())
        .contains("spec.managedPolicyArns[1]");
    assertThat(violations.find(v -> v.rule().endsWith("format")).get().message()).contains("not-an-arn");
  }

  @Test
  @DisplayName("invalid/bad-policy-grammar.yaml")
  void badPolicyGrammar() {
    Seq<Violation> violations = CaseFiles.violations("invalid/bad-policy-grammar.yaml");
    String policy = "spec.inlinePolicies[\"bad name!\"]";
    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple(policy, "inline-policy-name.charset"),
        tuple(policy + ".Version", "policy.version"),
        tuple(policy + ".Statement[0].Sid", "policy.sid.charset"),
        tuple(policy + ".Statement[0].Effect", "policy.effect"),
        tuple(policy + ".Statement[0].Principal", "policy.principal.not-allowed"),
        tuple(policy + ".Statement[0].NotAction", "policy.action.both"),
        tuple(policy + ".Statement[0].Resource", "policy.resource.required"));
    assertThat(violations.find(v -> v.rule().equals("policy.effect")).get().message()).contains("Permit");
    assertThat(violations.find(v -> v.rule().equals("policy.version")).get().message()).contains("2012-10-18");
  }

  @Test
  @DisplayName("invalid/inline-aggregate-too-large.yaml")
  void inlineAggregateTooLarge() {
    Seq<Violation> violations = CaseFiles.violations("invalid/inline-aggregate-too-large.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.inlinePolicies", "inline-policies.size"));
    assertThat(violations.head().message())
        .contains("2,100").contains("2,048").contains("PartA 1,030").contains("PartB 1,070");
  }

  @Test
  @DisplayName("invalid/bad-tags.yaml")
  void badTags() {
    Seq<Violation> violations = CaseFiles.violations("invalid/bad-tags.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("spec.tags[\"aws:owner\"]", "tag-key.reserved-prefix"),
        tuple("spec.tags.team", "tag-key.duplicate"),
        tuple("spec.tags[\"bad#key\"]", "tag-key.charset"));
    assertThat(violations.find(v -> v.rule().equals("tag-key.duplicate")).get().message())
        .contains("\"team\"").contains("\"Team\"");
  }

  @Test
  @DisplayName("invalid/unknown-field.yaml")
  void unknownField() {
    Seq<Violation> violations = CaseFiles.violations("invalid/unknown-field.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.managedPolicyArn", "manifest.unknown-field"));
    assertThat(violations.head().message())
        .contains("unknown-field.yaml line 7")
        .contains("\"managedPolicyArn\"")
        .contains("did you mean \"managedPolicyArns\"?");
  }

  @Test
  @DisplayName("invalid/wrong-kind.yaml")
  void wrongKind() {
    Seq<Violation> violations = CaseFiles.violations("invalid/wrong-kind.yaml");
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("kind", "kind.value"));
    assertThat(violations.head().message()).contains("AwsIamUser").contains("AwsIamRole");
  }
}
