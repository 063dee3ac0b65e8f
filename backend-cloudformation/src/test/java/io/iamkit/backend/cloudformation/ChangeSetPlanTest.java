package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.iamkit.api.Change;
import io.iamkit.api.FieldChange;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.ChangeAction;
import software.amazon.awssdk.services.cloudformation.model.ChangeSource;
import software.amazon.awssdk.services.cloudformation.model.Replacement;
import software.amazon.awssdk.services.cloudformation.model.RequiresRecreation;
import software.amazon.awssdk.services.cloudformation.model.ResourceAttribute;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;

class ChangeSetPlanTest {

  private static software.amazon.awssdk.services.cloudformation.model.Change change(
      ChangeAction action, String logicalId, String type, Replacement replacement, ResourceChangeDetail... details) {
    return software.amazon.awssdk.services.cloudformation.model.Change.builder()
        .resourceChange(ResourceChange.builder().action(action).logicalResourceId(logicalId).resourceType(type)
            .replacement(replacement).physicalResourceId(logicalId.equals("AccessKey") ? "AKIAOLD" : null)
            .details(details).build())
        .build();
  }

  @Test
  void aCreateReadsLikeTheUserItMakes() {
    Declared next = Templates.declared(Templates.user("""
        managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
        tags: {Owner: team}
        inlinePolicies: {Access: %s}
        """.formatted(Templates.READ)));
    Seq<Change> changes = ChangeSetPlan.of(List.of(
        change(ChangeAction.ADD, "AccessKeySecret", "AWS::SecretsManager::Secret", null),
        change(ChangeAction.ADD, "InlinePolicyAccess", "AWS::IAM::Policy", null),
        change(ChangeAction.ADD, "AccessKey", "AWS::IAM::AccessKey", null),
        change(ChangeAction.ADD, "User", "AWS::IAM::User", null)), Option.none(), next);

    assertThat(changes).extracting(Change::action, Change::kind, Change::resource).containsExactly(
        tuple(Change.Action.CREATE, ResourceKind.USER, "svc"),
        tuple(Change.Action.CREATE, ResourceKind.TAG, "Owner"),
        tuple(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        tuple(Change.Action.CREATE, ResourceKind.INLINE_POLICY, "Access"),
        tuple(Change.Action.CREATE, ResourceKind.ACCESS_KEY, "(new access key)"),
        tuple(Change.Action.CREATE, ResourceKind.SECRET, "iamkit/svc"));
    assertThat(new Plan("svc", changes).describe()).contains("+ INLINE_POLICY Access")
        .contains("spec.inlinePolicies.Access: (none) -> {\"Statement\"").doesNotContain("SecretAccessKey");
    assertThat(ChangeSetPlan.creates(next)).isEqualTo(changes);
  }

  @Test
  void aModifiedUserBecomesOneChangePerAttributeThatDiffers() {
    Declared prev = Templates.declared(Templates.user("""
        managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
        tags: {Owner: team, Gone: x}
        disableAccessKeys: true
        """));
    Declared next = Templates.declared(Templates.user("""
        path: /svc/
        managedPolicyArns: [arn:aws:iam::aws:policy/IAMUserChangePassword]
        tags: {Owner: other, New: y}
        disableAccessKeys: true
        """));
    Seq<Change> changes = ChangeSetPlan.of(List.of(change(ChangeAction.MODIFY, "User", "AWS::IAM::User",
        Replacement.FALSE)), Option.some(prev), next);

    assertThat(changes).extracting(Change::action, Change::kind, Change::resource).containsExactly(
        tuple(Change.Action.UPDATE, ResourceKind.USER, "svc"),
        tuple(Change.Action.DELETE, ResourceKind.TAG, "Gone"),
        tuple(Change.Action.CREATE, ResourceKind.TAG, "New"),
        tuple(Change.Action.UPDATE, ResourceKind.TAG, "Owner"),
        tuple(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, "arn:aws:iam::aws:policy/IAMUserChangePassword"),
        tuple(Change.Action.DELETE, ResourceKind.MANAGED_POLICY_ATTACHMENT, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
    assertThat(changes.head().fields()).containsExactly(FieldChange.of("spec.path", "/", "/svc/"));
    assertThat(changes.get(3).fields()).containsExactly(FieldChange.of("spec.tags.Owner", "team", "other"));
  }

  @Test
  void aRenameIsAReplacementOfTheUserAndAnEvaluatedChangeShowsCloudFormationsDetails() {
    Declared prev = Templates.declared(Templates.user("old-name", "inlinePolicies: {A: %s}\n".formatted(Templates.READ)));
    Declared next = Templates.declared(Templates.user("new-name", "inlinePolicies: {A: %s}\n".formatted(Templates.READ)));
    ResourceChangeDetail followsUser = ResourceChangeDetail.builder().evaluation("Dynamic")
        .changeSource(ChangeSource.RESOURCE_REFERENCE).causingEntity("User")
        .target(ResourceTargetDefinition.builder().attribute(ResourceAttribute.PROPERTIES).name("Users")
            .requiresRecreation(RequiresRecreation.NEVER).build()).build();
    Seq<Change> changes = ChangeSetPlan.of(List.of(
        change(ChangeAction.MODIFY, "User", "AWS::IAM::User", Replacement.TRUE),
        change(ChangeAction.MODIFY, "InlinePolicyA", "AWS::IAM::Policy", Replacement.FALSE, followsUser),
        change(ChangeAction.MODIFY, "AccessKey", "AWS::IAM::AccessKey", Replacement.TRUE)), Option.some(prev), next);

    assertThat(changes).extracting(Change::action, Change::kind, Change::resource).containsExactly(
        tuple(Change.Action.REPLACE, ResourceKind.USER, "new-name"),
        tuple(Change.Action.UPDATE, ResourceKind.INLINE_POLICY, "A"),
        tuple(Change.Action.REPLACE, ResourceKind.ACCESS_KEY, "AKIAOLD"));
    assertThat(changes.head().fields()).containsExactly(FieldChange.of("spec.userName", "old-name", "new-name"));
    assertThat(changes.get(1).fields()).containsExactly(
        new FieldChange("Properties.Users", Option.none(), Option.of("changes (follows User)")));
  }

  @Test
  void removalsCarryWhatIsRemovedAndASerialChangeIsAKeyReplacement() {
    Declared prev = Templates.declared(Templates.user("inlinePolicies: {A: %s, B: %s}\n"
        .formatted(Templates.READ, Templates.WRITE)));
    Declared next = Templates.declared(Templates.user("inlinePolicies: {A: %s}\n".formatted(Templates.READ)), 2);
    Seq<Change> changes = ChangeSetPlan.of(List.of(
        change(ChangeAction.REMOVE, "InlinePolicyB", "AWS::IAM::Policy", null),
        change(ChangeAction.MODIFY, "AccessKey", "AWS::IAM::AccessKey", Replacement.TRUE)), Option.some(prev), next);

    assertThat(changes).extracting(Change::action, Change::kind, Change::resource).containsExactly(
        tuple(Change.Action.DELETE, ResourceKind.INLINE_POLICY, "B"),
        tuple(Change.Action.REPLACE, ResourceKind.ACCESS_KEY, "AKIAOLD"));
    assertThat(changes.head().fields().head().before().get()).contains("s3:PutObject");
    assertThat(changes.head().fields().head().after()).isEmpty();
    assertThat(changes.get(1).fields()).containsExactly(FieldChange.of("Serial", "1", "2"));
  }

  @Test
  void touchedResourcesAreTheChangeSetsAndTheDeclarationsThatDiffer() {
    Declared prev = Templates.declared(Templates.user("inlinePolicies: {A: %s, B: %s}\n"
        .formatted(Templates.READ, Templates.READ)));
    Declared next = Templates.declared(Templates.user("inlinePolicies: {A: %s, B: %s}\n"
        .formatted(Templates.READ, Templates.WRITE)));
    assertThat(ChangeSetPlan.differing(Option.some(prev), next)).containsExactly("InlinePolicyB");
    assertThat(ChangeSetPlan.differing(Option.none(), next)).contains("User", "InlinePolicyA", "InlinePolicyB");
  }
}
