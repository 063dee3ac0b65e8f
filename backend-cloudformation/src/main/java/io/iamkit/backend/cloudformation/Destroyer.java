package io.iamkit.backend.cloudformation;

import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Destroys one user's stack. CloudFormation deletes what its template declares and nothing else,
 * and {@code DeleteUser} fails while anything is still attached; so, in this order:
 * <ol>
 *   <li>out-of-band grants on the stack's user (access keys other than the stack's own, inline
 *       policies and managed policy attachments its template does not declare) are removed through
 *       IAM and named in the report as out of band;
 *   <li>{@code DeleteStack}, waiting until it has ended, streaming its events;
 *   <li>IAM is read again: a user the stack held must be gone. If the stack is deleted but the very
 *       same user (same UserId) is still there, CloudFormation retained it (LocalStack 4.14 reports
 *       {@code DELETE_COMPLETE} while leaving a user with {@code ManagedPolicyArns}): what is left of
 *       it is removed through IAM, with a warning. Otherwise a destroy never reports success while
 *       the user exists; it says what remains;
 *   <li>the key's secret, if Secrets Manager still has it (pending deletion included), is deleted
 *       without a recovery window, so the same manifest can be applied again at once.
 * </ol>
 * The report lists the out-of-band removals, then what the stack held, then the stack itself. A
 * missing stack and a missing user is {@link DestroyReport#alreadyGone}. A user without a stack is
 * not touched: nothing proves it is iamkit's.
 */
final class Destroyer {
  private Destroyer() { }

  static DestroyReport destroy(Session s) {
    Stacks stacks = new Stacks(s);
    Option<Stack> stack = stacks.find();
    StackState state = StackState.of(stack.getOrNull());
    if (state == StackState.BUSY) {
      throw new StepFailed(new DeploymentError.Conflict("stack " + s.stackName(),
          "is " + stack.get().stackStatusAsString() + ": another operation is running on it; try again when it "
              + "has finished"));
    }
    String secretName = TemplateSynthesizer.secretName(s.user.user());
    if (stack.isEmpty()) {
      return withoutStack(s, secretName);
    }
    String stackId = stack.get().stackId();
    boolean holdsResources = state != StackState.REPLACEABLE
        || !"REVIEW_IN_PROGRESS".equals(stack.get().stackStatusAsString());
    Map<String, StackResourceSummary> resources = holdsResources ? stacks.resources(stackId) : Map.of();
    Option<Declared> declared = holdsResources ? Option.some(stacks.template(stackId)) : Option.none();
    Option<String> ownUser = Prepared.physicalId(resources, TemplateSynthesizer.USER);
    Option<String> ownKey = Prepared.physicalId(resources, TemplateSynthesizer.ACCESS_KEY);
    Option<LiveUser> live = ownUser.flatMap(u -> s.read("GetUser", u, () -> s.clients.reader().read(u)));

    List<DestroyReport.Removed> removed = List.empty();
    for (LiveUser user : live) {
      removed = removed.appendAll(removeOutOfBand(s, user, declared.get(), ownKey));
    }
    List<DestroyReport.Removed> owned = owned(live, declared, ownKey, resources);

    EventStream events = new EventStream(s, stackId, new Naming(Option.none(), declared));
    Option<Stack> end = stacks.delete(stackId, events);
    if (end.exists(st -> st.stackStatus() == StackStatus.DELETE_FAILED)) {
      throw new StepFailed(Converger.failure(s, events, end.get()));
    }
    for (String user : ownUser) {
      Option<LiveUser> left = s.read("GetUser", user, () -> s.clients.reader().read(user));
      if (left.isEmpty()) {
        continue;
      }
      boolean deleted = end.isEmpty() || end.get().stackStatus() == StackStatus.DELETE_COMPLETE;
      boolean sameUser = live.exists(l -> l.userId().equals(left.get().userId()));
      if (deleted && sameUser) {
        removeRetained(s, left.get(), end);
      } else {
        throw new StepFailed(new DeploymentError.Conflict("user " + user, "stack " + s.stackName() + " reports "
            + end.map(Stack::stackStatusAsString).getOrElse("deleted") + ", but IAM still holds the user: "
            + Converger.parts(left.get()) + (removed.isEmpty() ? "" : "; removed before DeleteStack: "
                + removed.map(r -> r.kind() + " " + r.resource()).mkString(", "))
            + ". Remove what is left through IAM, then run destroy again"));
      }
    }
    boolean secretOwned = owned.exists(r -> r.kind() == ResourceKind.SECRET);
    if (declared.exists(d -> d.secretName().isDefined()) && Secrets.forceDelete(s, secretName) && !secretOwned) {
      owned = owned.append(new DestroyReport.Removed(ResourceKind.SECRET, secretName, false));
    }
    owned = owned.append(new DestroyReport.Removed(ResourceKind.OTHER, "stack " + s.stackName() + " (deleted; was "
        + stack.get().stackStatusAsString() + (ownUser.isEmpty() ? ", holding no user" : "") + ")", false));
    if (ownUser.isEmpty()) {
      notOurs(s);
    }
    return DestroyReport.removed(s.userName(), removed.appendAll(owned));
  }

  /**
   * The stack is deleted, yet its own user (same UserId) is still in IAM: CloudFormation retained it
   * (LocalStack 4.14 does so for a user with {@code ManagedPolicyArns}, swallowing IAM's
   * {@code DeleteConflict}). Nothing else can own that user now, so what is left of it is removed
   * through IAM, and a warning says so. A user of that name with another UserId is not touched.
   */
  private static void removeRetained(Session s, LiveUser user, Option<Stack> end) {
    String name = user.userName();
    s.message(ProgressEvent.Message.Level.WARN, "stack " + s.stackName() + " reports "
        + end.map(Stack::stackStatusAsString).getOrElse("deleted") + " but CloudFormation left its user "
        + name + " in IAM (" + Converger.parts(user) + "); removing it through IAM");
    for (LiveAccessKey k : user.accessKeys()) {
      s.step("DeleteAccessKey", ResourceKind.ACCESS_KEY, k.accessKeyId(), Change.Action.DELETE,
          () -> s.clients.iam().deleteAccessKey(r -> r.userName(name).accessKeyId(k.accessKeyId())));
    }
    for (String policy : user.inlinePolicies().keySet()) {
      s.step("DeleteUserPolicy", ResourceKind.INLINE_POLICY, policy, Change.Action.DELETE,
          () -> s.clients.iam().deleteUserPolicy(r -> r.userName(name).policyName(policy)));
    }
    for (String arn : user.managedPolicyArns()) {
      s.step("DetachUserPolicy", ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, Change.Action.DELETE,
          () -> s.clients.iam().detachUserPolicy(r -> r.userName(name).policyArn(arn)));
    }
    s.step("DeleteUser", ResourceKind.USER, name, Change.Action.DELETE,
        () -> s.clients.iam().deleteUser(r -> r.userName(name)));
  }

  /** No stack: only a secret left pending deletion by an earlier destroy can be iamkit's. */
  private static DestroyReport withoutStack(Session s, String secretName) {
    List<DestroyReport.Removed> removed = List.empty();
    if (Secrets.describe(s, secretName).exists(d -> d.deletedDate() != null) && Secrets.forceDelete(s, secretName)) {
      removed = removed.append(new DestroyReport.Removed(ResourceKind.SECRET, secretName, false));
    }
    notOurs(s);
    return removed.isEmpty() ? DestroyReport.alreadyGone(s.userName()) : DestroyReport.removed(s.userName(), removed);
  }

  /** A user of the spec's name that no stack holds is not deleted; the destroy says so instead of succeeding. */
  private static void notOurs(Session s) {
    if (s.read("GetUser", s.userName(), () -> s.clients.reader().read(s.userName())).isDefined()) {
      throw new StepFailed(new DeploymentError.Conflict("user " + s.userName(),
          "exists in IAM, but stack " + s.stackName() + " does not hold it (made out of band, or left by a create "
              + "that was not rolled back); iamkit does not delete a user it cannot prove it made: delete it "
              + "through IAM if it is yours"));
    }
  }

  private static List<DestroyReport.Removed> removeOutOfBand(Session s, LiveUser user, Declared declared,
      Option<String> ownKey) {
    String name = user.userName();
    List<DestroyReport.Removed> removed = List.empty();
    for (LiveAccessKey k : user.accessKeys()) {
      if (!ownKey.contains(k.accessKeyId())) {
        s.step("DeleteAccessKey", ResourceKind.ACCESS_KEY, k.accessKeyId(), Change.Action.DELETE,
            () -> s.clients.iam().deleteAccessKey(r -> r.userName(name).accessKeyId(k.accessKeyId())));
        removed = removed.append(new DestroyReport.Removed(ResourceKind.ACCESS_KEY, k.accessKeyId(), true));
      }
    }
    for (String policy : user.inlinePolicies().keySet()) {
      if (!declared.inlinePolicyDocuments().containsKey(policy)) {
        s.step("DeleteUserPolicy", ResourceKind.INLINE_POLICY, policy, Change.Action.DELETE,
            () -> s.clients.iam().deleteUserPolicy(r -> r.userName(name).policyName(policy)));
        removed = removed.append(new DestroyReport.Removed(ResourceKind.INLINE_POLICY, policy, true));
      }
    }
    for (String arn : user.managedPolicyArns()) {
      if (!declared.managedPolicyArns().contains(arn)) {
        s.step("DetachUserPolicy", ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, Change.Action.DELETE,
            () -> s.clients.iam().detachUserPolicy(r -> r.userName(name).policyArn(arn)));
        removed = removed.append(new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, true));
      }
    }
    return removed;
  }

  /** What the stack's deletion removes, in the order CloudFormation removes it. */
  private static List<DestroyReport.Removed> owned(Option<LiveUser> live, Option<Declared> declared,
      Option<String> ownKey, Map<String, StackResourceSummary> resources) {
    List<DestroyReport.Removed> owned = List.empty();
    if (live.isEmpty() || declared.isEmpty()) {
      return owned;
    }
    LiveUser user = live.get();
    Declared d = declared.get();
    for (String policy : user.inlinePolicies().keySet()) {
      if (d.inlinePolicyDocuments().containsKey(policy)) {
        owned = owned.append(new DestroyReport.Removed(ResourceKind.INLINE_POLICY, policy, false));
      }
    }
    for (String arn : user.managedPolicyArns()) {
      if (d.managedPolicyArns().contains(arn)) {
        owned = owned.append(new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, false));
      }
    }
    for (String key : ownKey.filter(k -> user.accessKeys().exists(a -> a.accessKeyId().equals(k)))) {
      owned = owned.append(new DestroyReport.Removed(ResourceKind.ACCESS_KEY, key, false));
    }
    for (String secret : Prepared.physicalId(resources, TemplateSynthesizer.SECRET)) {
      owned = owned.append(new DestroyReport.Removed(ResourceKind.SECRET, d.secretName().getOrElse(secret), false));
    }
    return owned.append(new DestroyReport.Removed(ResourceKind.USER, user.userName(), false));
  }
}
