package io.iamkit.model;

import static io.iamkit.model.Users.policy;
import static io.iamkit.model.Users.spec;
import static io.iamkit.model.Users.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LintTest {

  @ParameterizedTest
  @ValueSource(strings = {"manifests/cicd-deployer.yaml", "manifests/payment-service-user.yaml",
      "manifests/compliance-auditor.yaml"})
  void canonicalUsersHaveNoWarnings(String file) {
    assertThat(Lint.check(CaseFiles.user(file))).isEmpty();
  }

  @Test
  void wildcardActionsOnEveryResource() {
    var user = user(spec("svc").putInlinePolicies("P", policy(
        "{Statement: [{Effect: Allow, Action: ['s3:*', 's3:GetObject'], Resource: '*'},"
            + " {Effect: Allow, Action: '*', Resource: ['arn:aws:s3:::b', '*']},"
            + " {Effect: Allow, Action: 's3:*', Resource: 'arn:aws:s3:::b/*'},"
            + " {Effect: Deny, Action: '*', Resource: '*'}]}"))).build();
    assertThat(Lint.check(user)).extracting(LintWarning::path, LintWarning::rule).containsExactly(
        tuple("spec.inlinePolicies.P.Statement[0].Action", "lint.wildcard-action"),
        tuple("spec.inlinePolicies.P.Statement[1].Action", "lint.wildcard-action"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/PowerUserAccess",
      "arn:aws-cn:iam::aws:policy/IAMFullAccess", "arn:aws-us-gov:iam::aws:policy/job-function/AdministratorAccess"})
  void broadManagedPolicies(String arn) {
    var user = user(spec("svc").addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess")
        .addManagedPolicyArns(arn)).build();
    assertThat(Lint.check(user)).extracting(LintWarning::path, LintWarning::rule)
        .containsExactly(tuple("spec.managedPolicyArns[1]", "lint.broad-managed-policy"));
  }

  @Test
  void customerPolicyNamedLikeABroadOneIsNotFlagged() {
    var user = user(spec("svc").addManagedPolicyArns("arn:aws:iam::123456789012:policy/AdministratorAccess")).build();
    assertThat(Lint.check(user)).isEmpty();
  }

  @Test
  void allowWithNotAction() {
    var user = user(spec("svc").putInlinePolicies("P", policy(
        "{Statement: {Effect: Allow, NotAction: 'iam:*', Resource: 'arn:aws:s3:::b'}}"))).build();
    assertThat(Lint.check(user)).extracting(LintWarning::path, LintWarning::rule)
        .containsExactly(tuple("spec.inlinePolicies.P.Statement.NotAction", "lint.allow-not-action"));
  }

  @Test
  void keyWithoutPermissions() {
    assertThat(Lint.check(user(spec("svc")).build())).extracting(LintWarning::rule)
        .containsExactly("lint.key-without-permissions");
    assertThat(Lint.check(user(spec("svc").setDisableAccessKeys(true)).build())).isEmpty();
  }

  @Test
  void secretDeliveryWithoutKey() {
    var delivery = io.iamkit.model.proto.SecretDelivery.newBuilder().setSecretName("iamkit/svc");
    assertThat(Lint.check(user(spec("svc").setDisableAccessKeys(true).setSecretDelivery(delivery)
            .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess")).build()))
        .extracting(LintWarning::path, LintWarning::rule)
        .containsExactly(tuple("spec.secretDelivery", "lint.secret-delivery-without-key"));
    assertThat(Lint.check(user(spec("svc").setSecretDelivery(delivery)
        .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess")).build())).isEmpty();
  }

  @Test
  void lintNeverRejectsAndValidationIgnoresLint() {
    var user = user(spec("svc").addManagedPolicyArns("arn:aws:iam::aws:policy/AdministratorAccess")).build();
    assertThat(Lint.check(user)).isNotEmpty();
    assertThat(Validator.create().validate(user).isValid()).isTrue();
  }
}
