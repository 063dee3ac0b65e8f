package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class DeclaredTest {

  @Test
  void readsEverythingTheSynthesizerDeclares() {
    Declared d = Templates.declared(Templates.user("""
        path: /svc/
        permissionsBoundary: arn:aws:iam::123456789012:policy/Boundary
        managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
        tags: {Owner: team}
        inlinePolicies:
          s3-read: %s
        secretDelivery: {secretName: ci/svc}
        """.formatted(Templates.READ)), 3);
    assertThat(d.userName()).isEqualTo("svc");
    assertThat(d.path()).isEqualTo("/svc/");
    assertThat(d.permissionsBoundary()).isEqualTo(Option.of("arn:aws:iam::123456789012:policy/Boundary"));
    assertThat(d.managedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(d.tags()).containsEntry("Owner", "team").hasSize(1);
    assertThat(d.inlinePolicyNames().values()).containsExactly("s3-read");
    assertThat(d.inlinePolicyDocuments().get("s3-read").toString()).contains("s3:GetObject");
    assertThat(d.inlinePolicyLogicalId("s3-read")).isEqualTo(Option.of(d.inlinePolicyNames().firstKey()));
    assertThat(d.accessKey()).isTrue();
    assertThat(d.accessKeySerial()).isEqualTo(3);
    assertThat(d.secretName()).isEqualTo(Option.of("ci/svc"));
    assertThat(d.resources()).containsKeys("User", "AccessKey", "AccessKeySecret");
  }

  @Test
  void keysDisabledMeansNoKeyAndNoSecret() {
    Declared d = Templates.declared(Templates.user("disableAccessKeys: true\n"));
    assertThat(d.accessKey()).isFalse();
    assertThat(d.secretName()).isEmpty();
    assertThat(d.path()).isEqualTo("/");
    assertThat(d.permissionsBoundary()).isEmpty();
  }

  @Test
  void sameResourceComparesTheDeclarationsOfOneLogicalId() {
    Declared a = Templates.declared(Templates.user("inlinePolicies: {A: %s, B: %s}\n".formatted(Templates.READ, Templates.READ)));
    Declared b = Templates.declared(Templates.user("inlinePolicies: {A: %s, B: %s}\n".formatted(Templates.READ, Templates.WRITE)));
    assertThat(a.sameResource(b, "InlinePolicyA")).isTrue();
    assertThat(a.sameResource(b, "InlinePolicyB")).isFalse();
    assertThat(a.sameResource(b, "Nothing")).isFalse();
  }

  @Test
  void aTemplateIamkitDidNotWriteIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> Declared.parse("{\"Resources\": {\"Bucket\": {\"Type\": \"AWS::S3::Bucket\"}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no AWS::IAM::User 'User'");
    assertThatThrownBy(() -> Declared.parse("Resources:\n  User: {Type: 'AWS::IAM::User'} # yaml sk-123"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the template is not JSON (iamkit writes JSON templates)");
  }
}
