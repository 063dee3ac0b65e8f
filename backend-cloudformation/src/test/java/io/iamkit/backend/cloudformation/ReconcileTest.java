package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Change;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which differences CloudFormation handles and which the backend handles through IAM. */
class ReconcileTest {
  static final String RO = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String READ_JSON = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}";
  static final String ALL_JSON = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

  final AwsIamUser spec = Templates.user("""
      managedPolicyArns: [%s]
      tags: {Owner: team}
      inlinePolicies: {Read: %s}
      """.formatted(RO, Templates.READ));
  final Declared declared = Templates.declared(spec);

  private static LiveUser.Builder live() {
    return LiveUser.builder("svc").userId("AIDA").arn("arn:aws:iam::123456789012:user/svc").path("/")
        .tag("Owner", "team").managedPolicyArn(RO).inlinePolicy("Read", READ_JSON)
        .accessKey(new LiveAccessKey("AKIAOWN", LiveAccessKey.Status.Active, Instant.EPOCH));
  }

  private Reconcile.Routed route(LiveUser live, Set<String> touched) {
    return Reconcile.route(spec, live, Option.some("AKIAOWN"), Option.some(declared), declared, touched);
  }

  @Test
  void whatNoTemplateDeclaresIsRemovedAsOutOfBandAndForeignKeysAreLeft() {
    LiveUser live = live().managedPolicyArn(ADMIN).inlinePolicy("Oob", ALL_JSON).tag("Extra", "x")
        .accessKey(new LiveAccessKey("AKIAFOREIGN", LiveAccessKey.Status.Active, Instant.EPOCH.plusSeconds(1)))
        .build();
    Reconcile.Routed routed = route(live, Set.of());
    assertThat(routed.outOfBand()).extracting(Change::action, Change::kind, Change::resource).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Change.Action.DELETE, ResourceKind.MANAGED_POLICY_ATTACHMENT, ADMIN),
        org.assertj.core.groups.Tuple.tuple(Change.Action.DELETE, ResourceKind.INLINE_POLICY, "Oob"),
        org.assertj.core.groups.Tuple.tuple(Change.Action.DELETE, ResourceKind.TAG, "Extra"));
    assertThat(routed.restores()).isEmpty();
    assertThat(routed.foreignKeys()).containsExactly("AKIAFOREIGN");
  }

  @Test
  void driftOfResourcesTheChangeSetDoesNotTouchIsRestoredThroughIam() {
    LiveUser drifted = LiveUser.builder("svc").userId("AIDA").arn("arn:aws:iam::123456789012:user/svc").path("/")
        .tag("Owner", "someone-else").inlinePolicy("Read", ALL_JSON)
        .accessKey(new LiveAccessKey("AKIAOWN", LiveAccessKey.Status.Inactive, Instant.EPOCH)).build();
    Reconcile.Routed routed = route(drifted, Set.of());
    assertThat(routed.restores()).extracting(Change::action, Change::kind, Change::resource).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Change.Action.UPDATE, ResourceKind.TAG, "Owner"),
        org.assertj.core.groups.Tuple.tuple(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, RO),
        org.assertj.core.groups.Tuple.tuple(Change.Action.UPDATE, ResourceKind.INLINE_POLICY, "Read"),
        org.assertj.core.groups.Tuple.tuple(Change.Action.UPDATE, ResourceKind.ACCESS_KEY, "AKIAOWN"));
    assertThat(routed.outOfBand()).isEmpty();
  }

  @Test
  void driftOfResourcesTheChangeSetChangesIsLeftToCloudFormation() {
    LiveUser drifted = LiveUser.builder("svc").userId("AIDA").arn("arn:aws:iam::123456789012:user/svc").path("/")
        .inlinePolicy("Read", ALL_JSON)
        .accessKey(new LiveAccessKey("AKIAOWN", LiveAccessKey.Status.Inactive, Instant.EPOCH)).build();
    Reconcile.Routed routed = route(drifted, Set.of("User", "InlinePolicyRead", "AccessKey"));
    assertThat(routed.restores()).isEmpty();
    assertThat(routed.outOfBand()).isEmpty();
  }

  @Test
  void whatTheDeployedTemplateDeclaresButTheNewOneDropsIsCloudFormationsToRemove() {
    AwsIamUser smaller = Templates.user("tags: {Owner: team}\n");
    Declared next = Templates.declared(smaller);
    Reconcile.Routed routed = Reconcile.route(smaller, live().build(), Option.some("AKIAOWN"), Option.some(declared),
        next, Set.of("User", "InlinePolicyRead"));
    assertThat(routed.outOfBand()).isEmpty();
    assertThat(routed.restores()).isEmpty();
    assertThat(routed.foreignKeys()).isEmpty();
  }

  @Test
  void notesSayHowEachWasHandled() {
    Change oob = Change.of(Change.Action.DELETE, ResourceKind.MANAGED_POLICY_ATTACHMENT, ADMIN);
    assertThat(Reconcile.describe(Reconcile.Route.OUT_OF_BAND, oob)).contains(ADMIN).contains("out of band");
    Change restore = Change.of(Change.Action.UPDATE, ResourceKind.INLINE_POLICY, "Read");
    assertThat(Reconcile.describe(Reconcile.Route.RESTORE, restore)).contains("restored through IAM");
  }
}
