package io.iamkit.backend.cloudformation;

import static io.iamkit.backend.cloudformation.Fixture.ok;
import static io.iamkit.backend.cloudformation.Fixture.valid;
import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.Difference;
import io.iamkit.api.Plan;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.EmulatorKind;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.vavr.control.Either;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The cloudformation backend against the testkit's emulator, for what the conformance suite does
 * not show for this backend: previews that leave nothing behind, the change set mapped onto the
 * plan, C-09 (no-op, explicit types, empty change sets deleted), a failed create naming the resource
 * and the stack it leaves handled by the next apply, stacks left in {@code REVIEW_IN_PROGRESS}, the
 * order of the out-of-band clean-up before {@code DeleteStack}, a user without a stack, and the
 * read-back catching what an emulator ignored. Every user here is one both emulators can deploy
 * (inline policies, no managed policies; keys only where the emulator delivers the secret). The
 * secret's checks are in {@link CloudFormationSecretIT}.
 */
@IamkitEmulator
class CloudFormationBackendIT {
  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;
  @FromEmulator CloudFormationClient cfn;

  static final String READ = """
      Read: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject"], Resource: "*"}]}
      """;
  static final String INLINE_ONLY = "disableAccessKeys: true\ninlinePolicies:\n  " + READ;
  static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";
  static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
      + "\"Resource\":\"*\"}]}";

  private boolean moto() {
    return emulator.kind() == EmulatorKind.MOTO;
  }

  private boolean localStack() {
    return emulator.kind() == EmulatorKind.LOCALSTACK || emulator.kind() == EmulatorKind.LOCALSTACK_PROCESS;
  }

  @Test
  void previewOfANewUserShowsTheCreateAndLeavesNoStackChangeSetOrUser() {
    AwsIamUser user = Fixture.user("cfn-preview", INLINE_ONLY);
    String name = user.getSpec().getUserName();
    Fixture fx = new Fixture(emulator);

    Plan plan = ok(fx.backend.preview(fx.context, valid(user)), "preview");

    assertThat(plan.changes()).extracting(Change::action, Change::kind, Change::resource).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Change.Action.CREATE, ResourceKind.USER, name),
        org.assertj.core.groups.Tuple.tuple(Change.Action.CREATE, ResourceKind.INLINE_POLICY, "Read"));
    assertThat(plan.describe()).contains("+ INLINE_POLICY Read").contains("s3:GetObject");
    assertThat(fx.requests(CreateChangeSetRequest.class)).singleElement().satisfies(r -> {
      assertThat(r.changeSetType()).isEqualTo(ChangeSetType.CREATE);
      assertThat(r.capabilities()).contains(Capability.CAPABILITY_NAMED_IAM);
    });
    assertThat(fx.operations("CloudFormation")).contains("DeleteChangeSet", "DeleteStack")
        .doesNotContain("ExecuteChangeSet");
    assertThat(liveStacks(CloudFormationBackend.template(user).stackName())).as("no stack left").isEmpty();
    assertThatUser(iam, name).isAbsent();
  }

  @Test
  void previewOfADeployedUserMapsTheChangeSetOntoThePlanAndLeavesNoChangeSet() {
    AwsIamUser user = Fixture.user("cfn-plan", INLINE_ONLY);
    Fixture first = new Fixture(emulator);
    ok(first.backend.apply(first.context, valid(user)), "apply");
    Fixture fx = new Fixture(emulator);
    String stackName = CloudFormationBackend.template(user).stackName();
    Stack before = stack(stackName);

    AwsIamUser changed = withInline(user, """
        Read: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject", "s3:PutObject"], Resource: "*"}]}
        Write: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:PutObject"], Resource: "*"}]}
        """);
    Plan plan = ok(fx.backend.preview(fx.context, valid(changed)), "preview of a change");

    assertThat(plan.changes()).extracting(Change::action, Change::kind, Change::resource).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Change.Action.UPDATE, ResourceKind.INLINE_POLICY, "Read"),
        org.assertj.core.groups.Tuple.tuple(Change.Action.CREATE, ResourceKind.INLINE_POLICY, "Write"));
    Change read = plan.changes().head();
    assertThat(read.fields()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("spec.inlinePolicies.Read");
      assertThat(f.before().get()).doesNotContain("s3:PutObject");
      assertThat(f.after().get()).contains("s3:PutObject");
    });
    assertThat(changeSetsOf(before)).as("the preview's change set is deleted")
        .doesNotContainAnyElementsOf(changeSetNames(fx));
    assertThat(stack(stackName).stackStatus()).isEqualTo(before.stackStatus());

    AwsIamUser removed = withInline(user, """
        Write: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:PutObject"], Resource: "*"}]}
        """);
    Plan removal = ok(fx.backend.preview(fx.context, valid(removed)), "preview of a removal");
    assertThat(removal.describe()).contains("- INLINE_POLICY Read").contains("+ INLINE_POLICY Write");

    // drift of a resource the template does not change is restored through IAM, and shown
    iam.putUserPolicy(r -> r.userName(user.getSpec().getUserName()).policyName("Read").policyDocument(ALLOW_ALL));
    Plan restore = ok(fx.backend.preview(fx.context, valid(user)), "preview after an out-of-band edit");
    assertThat(restore.changes()).extracting(Change::action, Change::kind, Change::resource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.Action.UPDATE, ResourceKind.INLINE_POLICY, "Read"));
    Deployment restored = ok(fx.backend.apply(fx.context, valid(user)), "apply restores the policy");
    assertThat(restored.notes()).anyMatch(n -> n.contains("INLINE_POLICY Read") && n.contains("restored through IAM"));
    assertThat(ok(fx.backend.preview(fx.context, valid(user)), "preview after the restore").isEmpty()).isTrue();
    assertThat(changeSetsOf(before)).doesNotContainAnyElementsOf(changeSetNames(fx));
    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
  }

  @Test
  void c09_secondApplyIsANoOpThatExecutesNothingAndDeletesItsEmptyChangeSet() {
    AwsIamUser user = Fixture.user("cfn-c09", INLINE_ONLY);
    ValidatedUser valid = valid(user);
    Fixture first = new Fixture(emulator);
    ok(first.backend.apply(first.context, valid), "apply");
    Stack deployed = stack(CloudFormationBackend.template(user).stackName());
    Fixture fx = new Fixture(emulator);

    Deployment again = ok(fx.backend.apply(fx.context, valid), "second apply");

    assertThat(again.changed()).as(again.applied().describe()).isFalse();
    assertThat(fx.requests(CreateChangeSetRequest.class)).singleElement()
        .satisfies(r -> assertThat(r.changeSetType()).isEqualTo(ChangeSetType.UPDATE));
    assertThat(fx.operations("CloudFormation")).contains("DeleteChangeSet").doesNotContain("ExecuteChangeSet");
    assertThat(fx.operations("IAM")).as("no mutating IAM call")
        .allMatch(op -> op.startsWith("Get") || op.startsWith("List"));
    assertThat(changeSetsOf(deployed)).as("the no-op's change set is deleted")
        .doesNotContainAnyElementsOf(changeSetNames(fx));
    assertThat(changeSetStatuses(deployed)).as("no FAILED change set left").doesNotContain("FAILED");
    for (CreateChangeSetRequest r : fx.requests(CreateChangeSetRequest.class)) {
      // LocalStack does not list FAILED change sets: ask for it by name
      assertThatThrownBy(() -> cfn.describeChangeSet(b -> b.stackName(r.stackName()).changeSetName(r.changeSetName())))
          .as("change set %s is gone", r.changeSetName()).isInstanceOf(CloudFormationException.class);
    }
    assertThat(fx.events).anyMatch(e -> e instanceof ProgressEvent.Message m && m.text().equals("no changes"));
    assertThat(stack(deployed.stackId()).lastUpdatedTime()).isEqualTo(deployed.lastUpdatedTime());
    ok(fx.backend.destroy(fx.context, valid), "destroy");
  }

  @Test
  void templateIsByteIdenticalAcrossSynthesesIsWhatTheStackHoldsAndStackEventsBecomeProgress() throws Exception {
    AwsIamUser user = Fixture.user("cfn-template", INLINE_ONLY);
    StackTemplate first = CloudFormationBackend.template(user);
    StackTemplate second = CloudFormationBackend.template(user.toBuilder().build());
    assertThat(second.templateBody()).isEqualTo(first.templateBody());
    Fixture fx = new Fixture(emulator);

    ok(fx.backend.apply(fx.context, valid(user)), "apply");

    String deployed = cfn.getTemplate(r -> r.stackName(first.stackName())).templateBody();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(deployed)).isEqualTo(json.readTree(first.templateBody()));
    assertThat(fx.events).anyMatch(e -> e instanceof ProgressEvent.Message m
        && m.text().equals("stack " + first.stackName() + ": CREATE_COMPLETE"));
    if (localStack()) { // moto reports stack-level events only
      String name = user.getSpec().getUserName();
      assertThat(fx.events).contains(
          new ProgressEvent.ResourceStarted(name, ResourceKind.USER, name, Change.Action.CREATE),
          new ProgressEvent.ResourceFinished(name, ResourceKind.USER, name, Change.Action.CREATE),
          new ProgressEvent.ResourceFinished(name, ResourceKind.INLINE_POLICY, "Read", Change.Action.CREATE));
    }
    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
  }

  /**
   * A create that fails in CloudFormation: the user name is taken at the last moment (by an observer
   * that runs just before {@code ExecuteChangeSet} is sent, after the backend's own check). LocalStack
   * rolls back to {@code ROLLBACK_COMPLETE}; moto answers {@code ExecuteChangeSet} with the error and
   * leaves the stack in {@code REVIEW_IN_PROGRESS}. Either way the next apply deletes that stack first.
   */
  @Test
  void failedCreateNamesTheResourceAndReasonAndTheNextApplyReplacesTheStackItLeft() {
    AwsIamUser user = Fixture.user("cfn-failed", INLINE_ONLY);
    String name = user.getSpec().getUserName();
    String stackName = CloudFormationBackend.template(user).stackName();
    AtomicBoolean armed = new AtomicBoolean(true);
    Fixture fx = new Fixture(emulator, io.iamkit.api.DeployOptions.defaults(), (service, operation, request) -> {
      if ("ExecuteChangeSet".equals(operation) && armed.getAndSet(false)) {
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("Foreign").policyDocument(ALLOW_ALL));
      }
    });

    Either<DeploymentError, Deployment> failed = fx.backend.apply(fx.context, valid(user));

    assertThat(failed.isLeft()).isTrue();
    assertThat(failed.getLeft()).isInstanceOfSatisfying(DeploymentError.RejectedByAws.class, r -> {
      assertThat(r.message()).contains(name).contains("already exists")
          .contains("IAM still holds user " + name).contains("did not exist when this apply began");
      if (localStack()) {
        assertThat(r.resource()).isEqualTo("USER " + name + " (logical id User in stack " + stackName + ")");
        assertThat(r.code()).isEqualTo("EntityAlreadyExists");
      }
    });
    assertThatUser(iam, name).hasExactlyInlinePolicies("Foreign");
    assertThat(StackState.of(stack(stackName))).isEqualTo(StackState.REPLACEABLE);
    if (localStack()) {
      assertThat(stack(stackName).stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
      assertThat(fx.events).anyMatch(e -> e instanceof ProgressEvent.ResourceFailed f
          && f.kind() == ResourceKind.USER && f.resource().equals(name) && f.reason().contains("already exists"));
    }

    iam.deleteUserPolicy(r -> r.userName(name).policyName("Foreign"));
    iam.deleteUser(r -> r.userName(name));
    Fixture next = new Fixture(emulator);
    ok(next.backend.apply(next.context, valid(user)), "apply once the name is free");
    assertThat(next.events).anyMatch(e -> e instanceof ProgressEvent.Message m
        && m.level() == ProgressEvent.Message.Level.WARN && m.text().contains("deleting it before creating it again"));
    assertThatUser(iam, name).hasExactlyInlinePolicies("Read");
    assertThat(stack(stackName).stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    ok(next.backend.destroy(next.context, valid(user)), "destroy");
  }

  @Test
  void stackLeftInReviewInProgressByAnUnexecutedChangeSetIsPreviewedAsACreateAndReplacedByApply() {
    AwsIamUser user = Fixture.user("cfn-review", INLINE_ONLY);
    StackTemplate template = CloudFormationBackend.template(user);
    cfn.createChangeSet(r -> r.stackName(template.stackName()).changeSetName("abandoned")
        .changeSetType(ChangeSetType.CREATE).templateBody(template.templateBody())
        .capabilities(Capability.CAPABILITY_NAMED_IAM));
    assertThat(stack(template.stackName()).stackStatus()).isEqualTo(StackStatus.REVIEW_IN_PROGRESS);
    Fixture fx = new Fixture(emulator);

    Plan plan = ok(fx.backend.preview(fx.context, valid(user)), "preview");
    assertThat(plan.changes(Change.Action.CREATE)).extracting(Change::kind)
        .containsExactly(ResourceKind.USER, ResourceKind.INLINE_POLICY);
    assertThat(fx.events).anyMatch(e -> e instanceof ProgressEvent.Message m && m.text().contains("REVIEW_IN_PROGRESS"));
    assertThat(stack(template.stackName()).stackStatus()).as("preview changes nothing")
        .isEqualTo(StackStatus.REVIEW_IN_PROGRESS);

    ok(fx.backend.apply(fx.context, valid(user)), "apply");
    assertThat(stack(template.stackName()).stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThatUser(iam, user.getSpec().getUserName()).hasExactlyInlinePolicies("Read");
    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
  }

  @Test
  void c02_outOfBandKeyAndInlinePolicyAreDeletedBeforeDeleteStack() {
    AwsIamUser user = Fixture.user("cfn-c02", INLINE_ONLY);
    String name = user.getSpec().getUserName();
    Fixture first = new Fixture(emulator);
    ok(first.backend.apply(first.context, valid(user)), "apply");
    iam.putUserPolicy(r -> r.userName(name).policyName("Oob").policyDocument(ALLOW_ALL));
    String key = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
    iam.attachUserPolicy(r -> r.userName(name).policyArn(CHANGE_PASSWORD));
    Fixture fx = new Fixture(emulator);

    DestroyReport report = ok(fx.backend.destroy(fx.context, valid(user)), "destroy");

    assertThatUser(iam, name).isAbsent();
    assertThat(report.outOfBand()).containsExactly(
        new DestroyReport.Removed(ResourceKind.ACCESS_KEY, key, true),
        new DestroyReport.Removed(ResourceKind.INLINE_POLICY, "Oob", true),
        new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, CHANGE_PASSWORD, true));
    assertThat(report.removed()).contains(new DestroyReport.Removed(ResourceKind.INLINE_POLICY, "Read", false),
        new DestroyReport.Removed(ResourceKind.USER, name, false));
    List<String> ops = fx.calls.stream().map(Fixture.Call::operation).toList();
    int deleteStack = ops.indexOf("DeleteStack");
    assertThat(deleteStack).as("%s", ops).isPositive();
    assertThat(ops.indexOf("DeleteAccessKey")).as("%s", ops).isNotNegative().isLessThan(deleteStack);
    assertThat(ops.indexOf("DeleteUserPolicy")).as("%s", ops).isNotNegative().isLessThan(deleteStack);
    assertThat(ops.indexOf("DetachUserPolicy")).as("%s", ops).isNotNegative().isLessThan(deleteStack);
    assertThat(ok(fx.backend.destroy(fx.context, valid(user)), "second destroy").alreadyGone()).isTrue();
  }

  @Test
  void userOfTheSpecsNameWithoutAStackIsAConflictForApplyAndDestroyAndIsNotTouched() {
    AwsIamUser user = Fixture.user("cfn-foreign", INLINE_ONLY);
    String name = user.getSpec().getUserName();
    iam.createUser(r -> r.userName(name));
    try {
      Fixture fx = new Fixture(emulator);
      Either<DeploymentError, Deployment> applied = fx.backend.apply(fx.context, valid(user));
      assertThat(applied.getLeft()).isInstanceOf(DeploymentError.Conflict.class);
      assertThat(applied.getLeft().message()).contains(name).contains("does not take over");
      assertThat(fx.operations("CloudFormation")).doesNotContain("CreateChangeSet");
      Either<DeploymentError, DestroyReport> destroyed = fx.backend.destroy(fx.context, valid(user));
      assertThat(destroyed.getLeft()).isInstanceOf(DeploymentError.Conflict.class);
      assertThatUser(iam, name).exists();
      assertThat(fx.operations("IAM")).allMatch(op -> op.startsWith("Get") || op.startsWith("List"));
    } finally {
      iam.deleteUser(r -> r.userName(name));
    }
  }

  /**
   * The read-back is the check that catches what an emulator's CloudFormation ignores: moto drops
   * {@code Tags} on create (and the failed create is rolled back, leaving nothing); LocalStack reports
   * a tag update complete without making it.
   */
  @Test
  void readBackFailsTheApplyWithWhatIamDoesNotHold() {
    assumeTrue(moto() || localStack(), "the ignored properties are known for moto and LocalStack only");
    AwsIamUser user = Fixture.user("cfn-readback", INLINE_ONLY + "tags: {Owner: team-a}\n");
    String name = user.getSpec().getUserName();
    Fixture fx = new Fixture(emulator);
    if (moto()) {
      Either<DeploymentError, Deployment> result = fx.backend.apply(fx.context, valid(user));
      assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.VerificationFailed.class, v ->
          assertThat(v.differences()).containsExactly(Difference.missing(ResourceKind.TAG, "spec.tags.Owner", "team-a")));
      assertThatUser(iam, name).isAbsent();
      assertThat(liveStacks(CloudFormationBackend.template(user).stackName())).as("the create was rolled back").isEmpty();
      assertThat(fx.events).anyMatch(e -> e instanceof ProgressEvent.Message m
          && m.level() == ProgressEvent.Message.Level.WARN && m.text().contains("nothing of user " + name + " remains"));
      return;
    }
    ok(fx.backend.apply(fx.context, valid(user)), "apply");
    AwsIamUser retagged = user.toBuilder().setSpec(user.getSpec().toBuilder().putTags("Owner", "team-b")).build();
    Either<DeploymentError, Deployment> result = fx.backend.apply(fx.context, valid(retagged));
    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.VerificationFailed.class, v ->
        assertThat(v.differences()).containsExactly(
            Difference.changed(ResourceKind.TAG, "spec.tags.Owner", "team-b", "team-a")));
    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
  }

  // ---- helpers

  private static AwsIamUser withInline(AwsIamUser user, String inlineYaml) {
    AwsIamUser parsed = Fixture.user("x", "disableAccessKeys: true\ninlinePolicies:\n"
        + inlineYaml.lines().map(l -> "  " + l + "\n").reduce("", String::concat));
    return user.toBuilder().setSpec(user.getSpec().toBuilder().clearInlinePolicies()
        .putAllInlinePolicies(parsed.getSpec().getInlinePoliciesMap())).build();
  }

  private Stack stack(String nameOrId) {
    return cfn.describeStacks(r -> r.stackName(nameOrId)).stacks().get(0);
  }

  /** Stacks of that name that are not deleted. */
  private List<String> liveStacks(String stackName) {
    return cfn.listStacksPaginator().stackSummaries().stream()
        .filter(s -> s.stackName().equals(stackName) && !"DELETE_COMPLETE".equals(s.stackStatusAsString()))
        .map(s -> s.stackId() + " " + s.stackStatusAsString()).toList();
  }

  /**
   * The names of the change sets of exactly this stack (moto lists every stack's for a name; it also
   * keeps executed change sets, which AWS deletes).
   */
  private List<String> changeSetsOf(Stack stack) {
    return summaries(stack).stream().map(ChangeSetSummary::changeSetName).toList();
  }

  private List<String> changeSetStatuses(Stack stack) {
    return summaries(stack).stream().map(ChangeSetSummary::statusAsString).toList();
  }

  private List<ChangeSetSummary> summaries(Stack stack) {
    try {
      return cfn.listChangeSets(r -> r.stackName(stack.stackName())).summaries().stream()
          .filter(s -> stack.stackId().equals(s.stackId())).toList();
    } catch (CloudFormationException e) {
      return List.of();
    }
  }

  /** The names of the change sets one fixture's backend created. */
  private static List<String> changeSetNames(Fixture fx) {
    return fx.requests(CreateChangeSetRequest.class).stream().map(CreateChangeSetRequest::changeSetName).toList();
  }
}
