package io.iamkit.api.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.iamkit.api.Change;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.policy.Statement;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.vavr.control.Option;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateDiffTest {
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final PolicyDocument ACCESS = PolicyDocument.builder()
      .statement(Statement.allow().actions("dynamodb:GetItem", "dynamodb:Query")
          .resources("arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable"))
      .build();

  private static AwsIamUser spec(boolean disableKeys) {
    return AwsIamUser.newBuilder()
        .setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName("svc").putTags("Env", "prod"))
        .setSpec(AwsIamUserSpec.newBuilder()
            .setUserName("svc-user")
            .addManagedPolicyArns(READ_ONLY)
            .putInlinePolicies("Access", ACCESS.toStruct())
            .putTags("Owner", "team-a")
            .setDisableAccessKeys(disableKeys))
        .build();
  }

  /** The live state that matches {@link #spec(boolean)} with keys enabled; the inline doc URL-encoded. */
  private static LiveUser.Builder matching() {
    String encoded = URLEncoder.encode("""
        {"Version": "2012-10-17", "Statement": {"Sid": "", "Action": ["dynamodb:Query", "DynamoDB:GetItem"],
         "Effect": "Allow", "Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable"]}}""",
        StandardCharsets.UTF_8).replace("+", "%20");
    return LiveUser.builder("svc-user")
        .userId("AIDAEXAMPLE").arn("arn:aws:iam::123456789012:user/svc-user")
        .tag("Env", "prod").tag("Owner", "team-a")
        .managedPolicyArn(READ_ONLY)
        .inlinePolicy("Access", encoded)
        .accessKey(new LiveAccessKey("AKIAOWN", LiveAccessKey.Status.Active, T0));
  }

  @Test
  void matchingStateHasNoDriftAndAnEmptyPlan() {
    DriftReport drift = StateDiff.drift(spec(false), Option.of(matching().build()));
    assertThat(drift.differences()).isEmpty();
    assertThat(drift.isEmpty()).isTrue();
    assertThat(StateDiff.plan(spec(false), Option.of(matching().build())).isEmpty()).isTrue();
  }

  @Test
  void awsAndIamkitTagsAreNotComparedWithTheSpec() {
    LiveUser live = matching().tag("aws:cloudformation:stack-name", "s").tag("iamkit:resource", "svc")
        .tag("iamkit:access-key-id", "AKIAOWN").build();
    assertThat(StateDiff.drift(spec(false), Option.of(live)).differences()).isEmpty();
    assertThat(StateDiff.isReservedTag("iamkit:resource")).isTrue();
    assertThat(StateDiff.isReservedTag("Iamkit")).isFalse();
    LiveUser foreign = matching().tag("iamkitx", "1").build();
    assertThat(StateDiff.drift(spec(false), Option.of(foreign)).differences()).hasSize(1);
  }

  @Test
  void missingUserIsOneDifferenceAndAFullCreatePlan() {
    DriftReport drift = StateDiff.drift(spec(false), Option.none());
    assertThat(drift.differences()).containsExactly(Difference.missing(ResourceKind.USER, "spec.userName", "svc-user"));
    Plan plan = StateDiff.plan(spec(false), Option.none());
    assertThat(plan.changes().map(c -> c.action() + " " + c.kind() + " " + c.resource())).containsExactly(
        "CREATE USER svc-user",
        "CREATE TAG Env",
        "CREATE TAG Owner",
        "CREATE MANAGED_POLICY_ATTACHMENT " + READ_ONLY,
        "CREATE INLINE_POLICY Access",
        "CREATE ACCESS_KEY (new access key)");
  }

  @Test
  void c05_equalInMeaningInlinePolicyIsNoDrift_addedActionIsDriftOnExactlyThatPolicy() {
    assertThat(StateDiff.drift(spec(false), Option.of(matching().build())).isEmpty()).isTrue();

    String widened = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query",
         "dynamodb:DeleteItem"],"Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable"}]}""";
    LiveUser live = matching().inlinePolicy("Access", widened).build();
    DriftReport drift = StateDiff.drift(spec(false), Option.of(live));
    assertThat(drift.differences()).hasSize(1);
    Difference d = drift.differences().head();
    assertThat(d.kind()).isEqualTo(Difference.Kind.CHANGED);
    assertThat(d.resource()).isEqualTo(ResourceKind.INLINE_POLICY);
    assertThat(d.path()).isEqualTo("spec.inlinePolicies.Access");
    assertThat(d.actual().get()).contains("dynamodb:deleteitem");
    assertThat(d.expected().get()).doesNotContain("deleteitem");
    Plan plan = StateDiff.plan(spec(false), Option.of(live));
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
      assertThat(c.resource()).isEqualTo("Access");
    });
  }

  @Test
  void c10_outOfBandAdminAttachmentAndInlineAllowAllAreExactlyTheDrift() {
    LiveUser live = matching()
        .managedPolicyArn(ADMIN)
        .inlinePolicy("Backdoor", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}")
        .build();
    DriftReport drift = StateDiff.drift(spec(false), Option.of(live));
    assertThat(drift.differences()).extracting(Difference::kind, Difference::resource, Difference::path)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Difference.Kind.OUT_OF_BAND, ResourceKind.MANAGED_POLICY_ATTACHMENT,
                "spec.managedPolicyArns"),
            org.assertj.core.groups.Tuple.tuple(Difference.Kind.OUT_OF_BAND, ResourceKind.INLINE_POLICY,
                "spec.inlinePolicies.Backdoor"));
    assertThat(drift.differences(Difference.Kind.OUT_OF_BAND).map(x -> x.actual().get()))
        .contains(ADMIN);
    Plan plan = StateDiff.plan(spec(false), Option.of(live));
    assertThat(plan.changes().map(c -> c.action() + " " + c.resource()))
        .containsExactlyInAnyOrder("DELETE " + ADMIN, "DELETE Backdoor");
  }

  @Test
  void missingManagedPolicyNamesItsIndex() {
    LiveUser live = matching().build().toBuilder()
        .build();
    LiveUser without = new LiveUser(live.userName(), live.userId(), live.arn(), live.path(), live.permissionsBoundary(),
        live.tags(), io.vavr.collection.LinkedHashSet.empty(), live.inlinePolicies(), live.accessKeys());
    assertThat(StateDiff.drift(spec(false), Option.of(without)).differences())
        .containsExactly(Difference.missing(ResourceKind.MANAGED_POLICY_ATTACHMENT, "spec.managedPolicyArns[0]", READ_ONLY));
  }

  @Test
  void tags_foreignChangedAndMissing_awsPrefixedIgnored() {
    LiveUser base = matching().build();
    LiveUser live = base.toBuilder()
        .tag("Owner", "team-b")
        .tag("Foreign", "x")
        .tag("aws:cloudformation:stack-name", "s")
        .build();
    LiveUser noEnv = new LiveUser(live.userName(), live.userId(), live.arn(), live.path(), live.permissionsBoundary(),
        live.tags().remove("Env"), live.managedPolicyArns(), live.inlinePolicies(), live.accessKeys());
    assertThat(StateDiff.drift(spec(false), Option.of(noEnv)).differences()).containsExactly(
        Difference.missing(ResourceKind.TAG, "spec.tags.Env", "prod"),
        Difference.changed(ResourceKind.TAG, "spec.tags.Owner", "team-a", "team-b"),
        Difference.outOfBand(ResourceKind.TAG, "spec.tags.Foreign", "x"));
  }

  @Test
  void specTagsOverrideMetadataTags() {
    AwsIamUser user = spec(false).toBuilder()
        .setMetadata(spec(false).getMetadata().toBuilder().putTags("Owner", "from-metadata")).build();
    assertThat(StateDiff.expectedTags(user).get("Owner").get()).isEqualTo("team-a");
    assertThat(StateDiff.expectedTags(user).get("Env").get()).isEqualTo("prod");
  }

  @Test
  void c04_inactiveOwnKeyIsAChangedStatusWithTheSameId() {
    LiveUser base = matching().build();
    LiveUser live = new LiveUser(base.userName(), base.userId(), base.arn(), base.path(), base.permissionsBoundary(),
        base.tags(), base.managedPolicyArns(), base.inlinePolicies(),
        io.vavr.collection.List.of(new LiveAccessKey("AKIAOWN", LiveAccessKey.Status.Inactive, T0)));
    assertThat(StateDiff.drift(spec(false), Option.of(live), Option.of("AKIAOWN")).differences())
        .containsExactly(Difference.changed(ResourceKind.ACCESS_KEY, "accessKeys.AKIAOWN.status", "Active", "Inactive"));
    assertThat(StateDiff.plan(spec(false), Option.of(live)).changes().map(Change::describe))
        .containsExactly("~ ACCESS_KEY AKIAOWN\n    accessKeys.AKIAOWN.status: Inactive -> Active");
  }

  @Test
  void c04_disabledKeysMakeEveryLiveKeyOutOfBand() {
    AwsIamUser user = spec(true);
    DriftReport drift = StateDiff.drift(user, Option.of(matching().build()));
    assertThat(drift.differences()).containsExactly(
        Difference.outOfBand(ResourceKind.ACCESS_KEY, "accessKeys.AKIAOWN", "AKIAOWN (Active)"));
  }

  @Test
  void c04_enabledKeysWithNoKeyIsMissing() {
    LiveUser base = matching().build();
    LiveUser live = new LiveUser(base.userName(), base.userId(), base.arn(), base.path(), base.permissionsBoundary(),
        base.tags(), base.managedPolicyArns(), base.inlinePolicies(), io.vavr.collection.List.empty());
    assertThat(StateDiff.drift(spec(false), Option.of(live)).differences())
        .containsExactly(Difference.missing(ResourceKind.ACCESS_KEY, "spec.disableAccessKeys", "one Active access key"));
  }

  @Test
  void c02_secondKeyIsOutOfBand_knownOwnIdWinsOverAge() {
    LiveUser live = matching()
        .accessKey(new LiveAccessKey("AKIAOLDER", LiveAccessKey.Status.Active, T0.minusSeconds(60)))
        .build();
    assertThat(StateDiff.drift(spec(false), Option.of(live), Option.of("AKIAOWN")).differences())
        .containsExactly(Difference.outOfBand(ResourceKind.ACCESS_KEY, "accessKeys.AKIAOLDER", "AKIAOLDER (Active)"));
    // unknown own key: the oldest counts as own
    assertThat(StateDiff.drift(spec(false), Option.of(live)).differences())
        .containsExactly(Difference.outOfBand(ResourceKind.ACCESS_KEY, "accessKeys.AKIAOWN", "AKIAOWN (Active)"));
  }

  @Test
  void c07_caseOnlyRenameIsAnUpdateOfTheUserNotARecreate() {
    LiveUser live = matching().userName("SVC-USER").build();
    Plan plan = StateDiff.plan(spec(false), Option.of(live));
    assertThat(plan.changes()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo(Change.Action.UPDATE);
      assertThat(c.kind()).isEqualTo(ResourceKind.USER);
      assertThat(c.fields().head().before().get()).isEqualTo("SVC-USER");
      assertThat(c.fields().head().after().get()).isEqualTo("svc-user");
    });
  }

  @Test
  void pathAndBoundary() {
    AwsIamUser user = spec(false).toBuilder()
        .setSpec(spec(false).getSpec().toBuilder().setPath("/svc/").setPermissionsBoundary(READ_ONLY)).build();
    assertThat(StateDiff.drift(user, Option.of(matching().build())).differences()).containsExactly(
        Difference.changed(ResourceKind.USER, "spec.path", "/svc/", "/"),
        Difference.missing(ResourceKind.PERMISSIONS_BOUNDARY, "spec.permissionsBoundary", READ_ONLY));
    assertThat(StateDiff.drift(spec(false), Option.of(matching().permissionsBoundary(ADMIN).build())).differences())
        .containsExactly(Difference.outOfBand(ResourceKind.PERMISSIONS_BOUNDARY, "spec.permissionsBoundary", ADMIN));
  }

  @Test
  void missingInlinePolicyAndUnparseableLiveDocument() {
    AwsIamUser user = spec(false).toBuilder().setSpec(spec(false).getSpec().toBuilder()
        .putInlinePolicies("Extra", Struct.newBuilder().build())).build();
    assertThat(StateDiff.drift(user, Option.of(matching().build())).differences())
        .extracting(Difference::kind, Difference::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Difference.Kind.MISSING, "spec.inlinePolicies.Extra"));
    LiveUser garbled = matching().inlinePolicy("Access", "not json").build();
    assertThat(StateDiff.drift(spec(false), Option.of(garbled)).differences())
        .containsExactly(Difference.changed(ResourceKind.INLINE_POLICY, "spec.inlinePolicies.Access",
            ACCESS.canonicalJson(), "not json"));
  }
}
