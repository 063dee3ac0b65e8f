package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.collection.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResultTypesTest {
  private static final String MISSING_POLICY = "arn:aws:iam::aws:policy/DoesNotExistPolicy";

  @Test
  void planIsEmptyOrDescribesEachChange() {
    assertThat(Plan.empty("u").isEmpty()).isTrue();
    assertThat(Plan.empty("u").describe()).isEqualTo("u: no changes");
    Plan p = Plan.of("u",
        Change.of(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        Change.of(Change.Action.UPDATE, ResourceKind.USER, "u", FieldChange.of("spec.path", "/", "/svc/")),
        Change.of(Change.Action.DELETE, ResourceKind.ACCESS_KEY, "AKIAOLD"));
    assertThat(p.isEmpty()).isFalse();
    assertThat(p.changes(Change.Action.DELETE)).extracting(Change::resource).containsExactly("AKIAOLD");
    assertThat(p.describe()).isEqualTo("""
        u: 3 change(s)
          + MANAGED_POLICY_ATTACHMENT arn:aws:iam::aws:policy/ReadOnlyAccess
          ~ USER u
            spec.path: / -> /svc/
          - ACCESS_KEY AKIAOLD""");
  }

  @Test
  void driftReportListsDifferencesByKind() {
    assertThat(DriftReport.none("u").isEmpty()).isTrue();
    DriftReport r = new DriftReport("u", List.of(
        Difference.outOfBand(ResourceKind.MANAGED_POLICY_ATTACHMENT, "spec.managedPolicyArns",
            "arn:aws:iam::aws:policy/AdministratorAccess"),
        Difference.changed(ResourceKind.TAG, "spec.tags.Owner", "a", "b")));
    assertThat(r.isEmpty()).isFalse();
    assertThat(r.differences(Difference.Kind.OUT_OF_BAND)).hasSize(1);
    assertThat(r.describe()).contains("out-of-band MANAGED_POLICY_ATTACHMENT at spec.managedPolicyArns: "
        + "arn:aws:iam::aws:policy/AdministratorAccess").contains("expected a, actual b");
  }

  @Test
  void destroyReportNamesOutOfBandRemovalsOrSaysAlreadyGone() {
    DestroyReport r = DestroyReport.removed("u", List.of(
        new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, "arn:aws:iam::aws:policy/IAMUserChangePassword", true),
        new DestroyReport.Removed(ResourceKind.USER, "u", false)));
    assertThat(r.outOfBand()).extracting(DestroyReport.Removed::resource)
        .containsExactly("arn:aws:iam::aws:policy/IAMUserChangePassword");
    assertThat(r.describe()).contains("IAMUserChangePassword (out of band)");
    assertThat(DestroyReport.alreadyGone("u").describe()).isEqualTo("u: already gone");
    assertThatThrownBy(() -> new DestroyReport("u", true, r.removed())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void c06_rejectedByAwsNamesTheResource() {
    DeploymentError e = new DeploymentError.RejectedByAws("NoSuchEntity", MISSING_POLICY, "Policy does not exist");
    assertThat(e.message()).contains(MISSING_POLICY).contains("NoSuchEntity");
  }

  @Test
  void errorMessagesCarryTheirFacts() {
    assertThat(new DeploymentError.InvalidSpec(List.of(new Violation("spec.userName", "user-name.charset", "bad"))).message())
        .contains("spec.userName: bad [user-name.charset]");
    assertThat(new DeploymentError.Timeout("apply", Duration.ofMinutes(2)).message()).contains("apply").contains("PT2M");
    assertThat(new DeploymentError.Conflict("svc", "owned by another stack").message()).contains("svc").contains("another stack");
    assertThat(new DeploymentError.VerificationFailed(List.of(Difference.missing(ResourceKind.TAG, "spec.tags.Owner", "a")))
        .message()).contains("spec.tags.Owner");
    assertThatThrownBy(() -> new DeploymentError.InvalidSpec(List.empty())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeploymentError.VerificationFailed(List.empty())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deploymentCarriesNotesAndTheSecretOnlyWhenGiven() {
    Deployment d = Deployment.of(AwsIamUserOutputs.newBuilder().setUserName("u").build(), Plan.empty("u"))
        .withNote("secret only available in Secrets Manager");
    assertThat(d.changed()).isFalse();
    assertThat(d.secret().isEmpty()).isTrue();
    assertThat(d.notes()).containsExactly("secret only available in Secrets Manager");
  }

  @Test
  void unavailabilityNeedsAReason() {
    assertThatThrownBy(() -> Availability.unavailable(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new BackendInfo("pulumi", Availability.unavailable("pulumi CLI not on PATH")).describe())
        .isEqualTo("pulumi (unavailable: pulumi CLI not on PATH)");
  }
}
