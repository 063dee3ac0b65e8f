package io.iamkit.backend.cloudformation;

import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Partition;
import io.iamkit.api.Plan;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.api.state.StateDiff;
import io.iamkit.backend.cloudformation.internal.SynthesizedStack;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/** Preview, apply, outputs and drift of one user's stack. */
final class Converger {
  private static final TemplateSynthesizer SYNTHESIZER = new TemplateSynthesizer();

  private Converger() { }

  enum Mode { PREVIEW, APPLY }

  // ---- preview

  static Plan preview(Session s) {
    Prepared p = prepare(s, Mode.PREVIEW);
    try {
      p.notes().forEach(n -> s.message(ProgressEvent.Message.Level.INFO, n));
      return p.plan(s.userName());
    } finally {
      discard(s, p);
    }
  }

  // ---- apply

  static Deployment apply(Session s) {
    Prepared p = prepare(s, Mode.APPLY);
    AwsIamUserSpec spec = s.user.spec();
    Plan plan = p.plan(s.userName());
    boolean executed = false;
    try {
      if (plan.isEmpty()) {
        s.message(ProgressEvent.Message.Level.INFO, "no changes");
        LiveUser live = p.live().getOrElseThrow(() -> new IllegalStateException("a no-op apply without a user"));
        Option<String> secretArn = liveSecretArn(s, p.resources(), spec);
        return notes(s, new Deployment(outputs(live, p.resources(), secretArn), plan, Option.none(), List.empty()),
            p, p.ownKey(), false);
      }
      for (Change c : p.routed().outOfBand()) {
        Reconcile.apply(s, c, p.live().get().userName(), p.next());
      }
      String stackId = p.changeSet().map(ChangeSet::stackId).getOrElse(s.stackName());
      if (p.executes()) {
        executed = true;
        execute(s, p);
        purgeRemovedSecret(s, p);
      }
      for (Change c : p.routed().restores()) {
        Reconcile.apply(s, c, s.userName(), p.next());
      }
      Verified v = verify(s, p, stackId);
      Option<String> keyAfter = Prepared.physicalId(v.resources(), TemplateSynthesizer.ACCESS_KEY);
      boolean keyCreated = keyAfter.isDefined() && !keyAfter.equals(p.ownKey());
      Option<Secret> secret = Option.none();
      if (keyCreated && !spec.hasSecretDelivery() && !spec.getDisableAccessKeys()) {
        secret = Option.some(Secrets.readKey(s, v.secretArn().get(), keyAfter.get()));
      }
      Deployment d = new Deployment(outputs(v.user(), v.resources(), v.secretArn()), plan, secret, List.empty());
      return notes(s, d, p, keyAfter, keyCreated);
    } finally {
      if (!executed) {
        discard(s, p); // a change set that was not executed (empty, or the apply failed before) goes
      }
    }
  }

  /** Executes the change set; a failure becomes an error naming the failing resource and its reason. */
  private static void execute(Session s, Prepared p) {
    ChangeSet cs = p.changeSet().get();
    Naming naming = new Naming(Option.of(p.next()), p.previous());
    EventStream events = new EventStream(s, cs.stackId(), naming);
    String summary = p.cloudFormation().map(c -> c.describe().lines().findFirst().orElse("")).mkString(", ");
    Stack end;
    try {
      end = new Stacks(s).execute(cs, events, summary);
    } catch (StepFailed f) {
      throw p.deployed() ? f : new StepFailed(afterFailedCreate(s, f.error(), cs.stackId()));
    }
    StackStatus status = end.stackStatus();
    if (status == StackStatus.CREATE_COMPLETE || status == StackStatus.UPDATE_COMPLETE) {
      return;
    }
    DeploymentError error = failure(s, events, end);
    throw new StepFailed(p.deployed() ? error : afterFailedCreate(s, error, cs.stackId()));
  }

  /**
   * A change set that removed the key's secret (keys disabled) may leave it pending deletion, which
   * would block creating the same name when keys are enabled again: it is deleted for good.
   */
  private static void purgeRemovedSecret(Session s, Prepared p) {
    if (p.cloudFormation().exists(c -> c.kind() == ResourceKind.SECRET && c.action() == Change.Action.DELETE)) {
      for (String name : p.previous().flatMap(Declared::secretName)) {
        if (Secrets.describe(s, name).exists(d -> d.deletedDate() != null)) {
          Secrets.forceDelete(s, name);
        }
      }
    }
  }

  /** The error of a stack operation that ended in a failure status, naming the resource that failed. */
  static DeploymentError failure(Session s, EventStream events, Stack end) {
    String status = end.stackStatusAsString();
    Option<StackEvent> cause = events.firstFailure();
    String state = switch (StackState.of(end)) {
      case REPLACEABLE -> "; stack " + s.stackName() + " is now " + status
          + ": the next apply deletes it and creates it again";
      case DEPLOYED -> "; stack " + s.stackName() + " is back at " + status + " (CloudFormation rolled the update back)";
      default -> "; stack " + s.stackName() + " is now " + status;
    };
    if (cause.isEmpty() || events.isStack(cause.get())) {
      String reason = cause.flatMap(e -> Option.of(e.resourceStatusReason()))
          .orElse(Option.of(end.stackStatusReason())).getOrElse("no reason given");
      return new DeploymentError.RejectedByAws(status, "stack " + s.stackName() + " (user " + s.userName() + ")",
          reason + state);
    }
    StackEvent e = cause.get();
    String reason = e.resourceStatusReason() == null ? e.resourceStatusAsString() : e.resourceStatusReason();
    return new DeploymentError.RejectedByAws(errorCode(reason, e.resourceStatusAsString()), events.describe(e),
        reason + state);
  }

  /** The AWS error code inside a CloudFormation status reason, else the resource status. */
  static String errorCode(String reason, String status) {
    var handler = java.util.regex.Pattern.compile("HandlerErrorCode: ([A-Za-z]+)").matcher(reason);
    if (handler.find()) {
      return handler.group(1);
    }
    var sdk = java.util.regex.Pattern.compile("error occurred \\(([A-Za-z.]+)\\)").matcher(reason);
    return sdk.find() ? sdk.group(1) : status;
  }

  /**
   * After a create failed: the error, with exactly what of the create remains. CloudFormation rolls a
   * failed create back; moto does not (the stack stays {@code REVIEW_IN_PROGRESS} with what it
   * made), and LocalStack may leave a user behind.
   */
  private static DeploymentError afterFailedCreate(Session s, DeploymentError error, String stackId) {
    String remains = remains(s, stackId, false);
    if (error instanceof DeploymentError.RejectedByAws r) {
      return new DeploymentError.RejectedByAws(r.code(), r.resource(), r.detail() + "; " + remains);
    }
    s.message(ProgressEvent.Message.Level.WARN, remains);
    return error;
  }

  /**
   * What a failed create left: the user if IAM holds it (it did not exist before the create, so the
   * create made it) and a stack moto left without rollback. Nothing here deletes a user: one that
   * no stack owns is not provably iamkit's.
   */
  private static String remains(Session s, String stackId, boolean stackDeleted) {
    Option<LiveUser> left = s.read("GetUser", s.userName(), () -> s.clients.reader().read(s.userName()));
    String text = left.isEmpty() ? "nothing of user " + s.userName() + " remains in IAM"
        : "IAM still holds user " + s.userName() + " (it did not exist when this apply began, and no rollback "
            + "removed it): " + parts(left.get()) + ". No stack owns it, so iamkit does not delete it: if this "
            + "apply made it, delete it through IAM, then apply again";
    if (!stackDeleted && new Stacks(s).describe(stackId)
        .exists(st -> "REVIEW_IN_PROGRESS".equals(st.stackStatusAsString()))) {
      text += "; stack " + s.stackName() + " was left in REVIEW_IN_PROGRESS (no rollback): the next apply or "
          + "destroy deletes it first";
    }
    return text;
  }

  private record Verified(LiveUser user, Map<String, StackResourceSummary> resources, Option<String> secretArn) { }

  /**
   * Reads the user back from IAM and fails with every difference from the spec: the stack's
   * status is not proof. A create that fails here is rolled back (its stack deleted), as
   * CloudFormation rolls back a create that fails.
   */
  private static Verified verify(Session s, Prepared p, String stackId) {
    AwsIamUserSpec spec = s.user.spec();
    String name = s.userName();
    Map<String, StackResourceSummary> resources = new Stacks(s).resources(stackId);
    Option<String> ownKey = Prepared.physicalId(resources, TemplateSynthesizer.ACCESS_KEY);
    Option<LiveUser> after = s.read("GetUser", name, () -> s.clients.reader().readAfterCreate(name));
    Seq<Difference> diffs = List.empty();
    Option<String> secretArn = Option.none();
    if (after.isEmpty()) {
      diffs = diffs.append(Difference.missing(ResourceKind.USER, "spec.userName", name));
    } else {
      Set<String> foreignBefore = new TreeSet<>(p.routed().foreignKeys().asJava());
      diffs = StateDiff.drift(s.user.user(), after, Option.some(ownKey.getOrElse(""))).differences()
          .filter(d -> !(d.resource() == ResourceKind.ACCESS_KEY && d.kind() == Difference.Kind.OUT_OF_BAND
              && foreignBefore.contains(d.path().substring(d.path().indexOf('.') + 1))));
    }
    for (String old : p.ownUser().filter(u -> !u.equals(name))) {
      if (s.read("GetUser", old, () -> s.clients.reader().read(old)).isDefined()) {
        diffs = diffs.append(Difference.outOfBand(ResourceKind.USER, "spec.userName",
            old + " (the user before the rename; CloudFormation did not delete it)"));
      }
    }
    if (!spec.getDisableAccessKeys()) {
      secretArn = liveSecretArn(s, resources, spec);
      if (secretArn.isEmpty()) {
        diffs = diffs.append(Difference.missing(ResourceKind.SECRET, Secrets.PATH,
            TemplateSynthesizer.secretName(s.user.user()) + " holding access key " + ownKey.getOrElse("(none)")));
      }
    }
    if (!diffs.isEmpty()) {
      DeploymentError error = new DeploymentError.VerificationFailed(diffs);
      if (!p.deployed()) {
        rollBackCreate(s, stackId, p);
      }
      throw new StepFailed(error);
    }
    return new Verified(after.get(), resources, secretArn);
  }

  /** Deletes the stack of a create whose read-back failed, and says what remains. */
  private static void rollBackCreate(Session s, String stackId, Prepared p) {
    s.message(ProgressEvent.Message.Level.WARN, "the user read back from IAM does not match the spec: deleting stack "
        + s.stackName() + " again, so that a failed create leaves no half-made user (as CloudFormation's own "
        + "rollback of a failed create does)");
    Option<Stack> end = new Stacks(s).delete(stackId, new EventStream(s, stackId,
        new Naming(Option.of(p.next()), Option.none())));
    if (end.exists(st -> st.stackStatus() == StackStatus.DELETE_FAILED)) {
      s.message(ProgressEvent.Message.Level.WARN, "stack " + s.stackName() + " could not be deleted ("
          + end.get().stackStatusReason() + "); destroy removes it");
    }
    s.message(ProgressEvent.Message.Level.WARN, remains(s, stackId, true));
  }

  /** The ARN of the stack's secret if Secrets Manager holds it (not pending deletion); none otherwise. */
  private static Option<String> liveSecretArn(Session s, Map<String, StackResourceSummary> resources,
      AwsIamUserSpec spec) {
    if (spec.getDisableAccessKeys()) {
      return Option.none();
    }
    String id = Prepared.physicalId(resources, TemplateSynthesizer.SECRET)
        .getOrElse(() -> TemplateSynthesizer.secretName(s.user.user()));
    return Secrets.describe(s, id).filter(d -> d.deletedDate() == null).map(DescribeSecretResponse::arn);
  }

  private static Deployment notes(Session s, Deployment d, Prepared p, Option<String> key, boolean keyCreated) {
    AwsIamUserSpec spec = s.user.spec();
    String secretName = TemplateSynthesizer.secretName(s.user.user());
    Deployment out = d;
    for (String n : p.notes()) {
      out = out.withNote(n);
    }
    for (Change c : p.routed().outOfBand()) {
      out = out.withNote(Reconcile.describe(Reconcile.Route.OUT_OF_BAND, c));
    }
    for (Change c : p.routed().restores()) {
      out = out.withNote(Reconcile.describe(Reconcile.Route.RESTORE, c));
    }
    if (keyCreated) {
      out = out.withNote("the stack delivered access key " + key.get() + " to Secrets Manager secret " + secretName
          + (spec.hasSecretDelivery() ? "" : "; its secret is returned once, in this Deployment"));
    } else if (key.isDefined() && !spec.getDisableAccessKeys()) {
      out = out.withNote("access key " + key.get() + " was created earlier; AWS never returns a secret twice, so it is "
          + "only in Secrets Manager secret " + secretName + " (never in a stack output)");
    }
    for (String id : p.routed().foreignKeys()) {
      out = out.withNote("access key " + id + " does not belong to stack " + s.stackName()
          + "; apply leaves it in place (drift reports it, destroy removes it)");
    }
    return out;
  }

  // ---- outputs and drift

  static Option<AwsIamUserOutputs> outputs(Session s) {
    Stacks stacks = new Stacks(s);
    Option<Stack> stack = stacks.find();
    if (stack.isEmpty() || StackState.of(stack.get()) != StackState.DEPLOYED) {
      return Option.none();
    }
    Map<String, StackResourceSummary> resources = stacks.resources(stack.get().stackId());
    Option<String> user = Prepared.physicalId(resources, TemplateSynthesizer.USER);
    Option<LiveUser> live = user.flatMap(u -> s.read("GetUser", u, () -> s.clients.reader().read(u)));
    return live.map(l -> outputs(l, resources, liveSecretArn(s, resources, s.user.spec())));
  }

  static AwsIamUserOutputs outputs(LiveUser user, Map<String, StackResourceSummary> resources, Option<String> secretArn) {
    AwsIamUserOutputs.Builder o = AwsIamUserOutputs.newBuilder()
        .setUserArn(user.arn())
        .setUserName(user.userName())
        .setUserId(user.userId())
        .setConsoleUrl(Partition.consoleUrl(user.arn()));
    Option<String> key = Prepared.physicalId(resources, TemplateSynthesizer.ACCESS_KEY)
        .filter(id -> user.accessKeys().exists(k -> k.accessKeyId().equals(id)));
    key.forEach(o::setAccessKeyId);
    if (key.isDefined()) {
      secretArn.forEach(o::setSecretArn);
    }
    return o.build();
  }

  /** Drift is the live IAM diff: CloudFormation's own drift detection misses out-of-band grants. */
  static DriftReport drift(Session s) {
    Stacks stacks = new Stacks(s);
    Option<Stack> stack = stacks.find().filter(st -> StackState.of(st) == StackState.DEPLOYED);
    Option<String> ownKey = stack.flatMap(st -> Prepared.physicalId(stacks.resources(st.stackId()),
        TemplateSynthesizer.ACCESS_KEY));
    Option<LiveUser> live = s.read("GetUser", s.userName(), () -> s.clients.reader().read(s.userName()));
    return StateDiff.drift(s.user.user(), live, Option.some(ownKey.getOrElse("")));
  }

  // ---- working out what an apply does

  static Prepared prepare(Session s, Mode mode) {
    Stacks stacks = new Stacks(s);
    AwsIamUserSpec spec = s.user.spec();
    Option<Stack> stack = stacks.find();
    StackState state = StackState.of(stack.getOrNull());
    List<String> notes = List.empty();
    switch (state) {
      case BUSY -> throw new StepFailed(new DeploymentError.Conflict("stack " + s.stackName(),
          "is " + stack.get().stackStatusAsString() + ": another operation is running on it; try again when it "
              + "has finished"));
      case STUCK -> throw new StepFailed(new DeploymentError.Conflict("stack " + s.stackName(),
          stuck(stack.get())));
      case REPLACEABLE -> {
        String status = stack.get().stackStatusAsString();
        if (mode == Mode.APPLY) {
          s.message(ProgressEvent.Message.Level.WARN, "stack " + s.stackName() + " is " + status + " ("
              + replaceableWhy(status) + "): deleting it before creating it again");
          String id = stack.get().stackId();
          Option<Stack> end = stacks.delete(id, new EventStream(s, id, new Naming(Option.none(), Option.none())));
          if (end.exists(st -> st.stackStatus() == StackStatus.DELETE_FAILED)) {
            throw new StepFailed(new DeploymentError.Conflict("stack " + s.stackName(),
                "is " + status + " and could not be deleted (" + end.get().stackStatusReason() + ")"));
          }
          stack = Option.none();
          state = StackState.ABSENT;
        } else {
          notes = notes.append("stack " + s.stackName() + " is " + status + " (" + replaceableWhy(status)
              + "): apply deletes it and creates it again; this plan is that create");
        }
      }
      default -> { }
    }
    boolean deployed = state == StackState.DEPLOYED;
    String stackId = stack.map(Stack::stackId).getOrElse(s.stackName());
    Map<String, StackResourceSummary> resources = deployed ? stacks.resources(stackId) : Map.of();
    Option<Declared> previous = deployed ? Option.some(stacks.template(stackId)) : Option.none();
    Option<String> ownUser = Prepared.physicalId(resources, TemplateSynthesizer.USER);
    Option<String> ownKey = Prepared.physicalId(resources, TemplateSynthesizer.ACCESS_KEY);
    Option<LiveUser> live = ownUser.flatMap(u -> s.read("GetUser", u, () -> s.clients.reader().read(u)));
    if (deployed && live.isEmpty()) {
      throw new StepFailed(new DeploymentError.Conflict("user " + ownUser.getOrElse(s.userName()),
          "stack " + s.stackName() + " holds it, but IAM has no such user (deleted out of band?); CloudFormation "
              + "cannot recreate it from an unchanged template: run destroy, then apply"));
    }
    checkNames(s, deployed, ownUser);

    int serial = previous.map(Declared::accessKeySerial).getOrElse(TemplateSynthesizer.FIRST_SERIAL);
    if (!spec.getDisableAccessKeys() && previous.exists(Declared::accessKey) && ownKey.isDefined()
        && !live.get().accessKeys().exists(k -> k.accessKeyId().equals(ownKey.get()))) {
      serial++;
      notes = notes.append("the stack's access key " + ownKey.get() + " no longer exists in IAM (deleted out of "
          + "band); the template's Serial goes to " + serial + " so that CloudFormation replaces it");
    }
    SynthesizedStack synthesized = SYNTHESIZER.synthesize(s.user.user(), serial);
    Declared next = Declared.parse(synthesized.templateBody());
    if (mode == Mode.APPLY) {
      checkPoliciesExist(s, next, live);
    }

    if (mode == Mode.PREVIEW && state == StackState.REPLACEABLE) {
      return new Prepared(false, Option.none(), synthesized, next, resources, ownUser, ownKey, Option.none(),
          Option.none(), ChangeSetPlan.creates(next), Reconcile.Routed.NONE, notes);
    }
    ChangeSet cs = stacks.createChangeSet(deployed ? ChangeSetType.UPDATE : ChangeSetType.CREATE,
        synthesized.templateBody(), mode == Mode.PREVIEW ? "preview" : "apply");
    Prepared bare = new Prepared(deployed, previous, synthesized, next, resources, ownUser, ownKey, live,
        Option.some(cs), List.empty(), Reconcile.Routed.NONE, notes);
    try {
      if (cs.failed()) {
        throw new StepFailed(new DeploymentError.RejectedByAws("ChangeSetFailed",
            "stack " + s.stackName() + " (CreateChangeSet " + cs.type() + ", user " + s.userName() + ")",
            cs.reason()));
      }
      Seq<Change> cloudFormation = cs.empty() ? List.empty() : ChangeSetPlan.of(cs.changes(), previous, next);
      Set<String> touched = new TreeSet<>();
      if (!cs.empty()) {
        touched.addAll(ChangeSetPlan.logicalIds(cs));
        touched.addAll(ChangeSetPlan.differing(previous, next));
      }
      Reconcile.Routed routed = live.map(l -> Reconcile.route(s.user.user(), l, ownKey, previous, next, touched))
          .getOrElse(Reconcile.Routed.NONE);
      return new Prepared(deployed, previous, synthesized, next, resources, ownUser, ownKey, live, Option.some(cs),
          cloudFormation, routed, notes);
    } catch (RuntimeException e) {
      discard(s, bare);
      throw e;
    }
  }

  /**
   * Deletes what working out the plan left in CloudFormation: the change set, and for a create the
   * {@code REVIEW_IN_PROGRESS} stack that {@code CreateChangeSet} made, so a preview leaves no trace.
   */
  static void discard(Session s, Prepared p) {
    for (ChangeSet cs : p.changeSet()) {
      Stacks stacks = new Stacks(s);
      stacks.deleteChangeSet(cs);
      if (!p.deployed() && cs.arn().isDefined()) {
        Option<Stack> made = stacks.describe(cs.stackId());
        if (made.exists(st -> "REVIEW_IN_PROGRESS".equals(st.stackStatusAsString()))) {
          stacks.delete(cs.stackId(), EventStream.quiet(s, cs.stackId()));
        }
      }
    }
  }

  /** A rename in case only, or to a name IAM already holds, cannot succeed: said before any change. */
  private static void checkNames(Session s, boolean deployed, Option<String> ownUser) {
    String wanted = s.userName();
    if (ownUser.exists(u -> !u.equals(wanted) && u.equalsIgnoreCase(wanted))) {
      throw new StepFailed(new DeploymentError.Conflict("user " + ownUser.get(),
          "a rename that changes only the case (" + ownUser.get() + " -> " + wanted + ") cannot go through "
              + "CloudFormation: a new UserName replaces the user (create the new one, then delete the old), and "
              + "IAM names ignore case, so the new user would collide with the old one. Keep the spelling "
              + ownUser.get() + ", or destroy and apply again (a new user and key)"));
    }
    boolean taken = (!deployed || ownUser.exists(u -> !u.equals(wanted)))
        && s.read("GetUser", wanted, () -> s.clients.reader().read(wanted)).isDefined();
    if (taken) {
      throw new StepFailed(new DeploymentError.Conflict("user " + wanted,
          "exists in IAM but stack " + s.stackName() + " does not hold it; iamkit does not take over a user it "
              + "did not make (delete it, or choose another spec.userName)"));
    }
    if (!deployed && !s.user.spec().getDisableAccessKeys()) {
      String name = TemplateSynthesizer.secretName(s.user.user());
      Option<DescribeSecretResponse> secret = Secrets.describe(s, name);
      if (secret.isDefined()) {
        throw new StepFailed(new DeploymentError.Conflict("secret " + name, secret.get().deletedDate() != null
            ? "is scheduled for deletion, so the stack cannot create it; restore it and delete it for good "
                + "(ForceDeleteWithoutRecovery), or choose another spec.secretDelivery.secretName"
            : "exists but stack " + s.stackName() + " does not hold it; iamkit does not overwrite a secret it did "
                + "not make (delete it, or choose another spec.secretDelivery.secretName)"));
      }
    }
  }

  /** C-06: every managed policy the apply attaches, and the boundary, must exist before anything changes. */
  private static void checkPoliciesExist(Session s, Declared next, Option<LiveUser> live) {
    List<String> arns = List.ofAll(next.managedPolicyArns())
        .filter(a -> !live.exists(u -> u.managedPolicyArns().contains(a)));
    arns = arns.appendAll(next.permissionsBoundary().filter(b -> !live.exists(u -> u.permissionsBoundary().contains(b))));
    for (String arn : arns) {
      try {
        s.clients.iam().getPolicy(r -> r.policyArn(arn));
      } catch (AwsServiceException e) {
        DeploymentError.RejectedByAws r = s.rejected("GetPolicy", arn, e);
        String detail = "NoSuchEntity".equals(r.code())
            ? "the managed policy " + arn + " does not exist; nothing was created or changed (" + r.detail() + ")"
            : r.detail();
        throw new StepFailed(new DeploymentError.RejectedByAws(r.code(), r.resource(), detail));
      }
    }
  }

  private static String replaceableWhy(String status) {
    return "REVIEW_IN_PROGRESS".equals(status) ? "left by a change set that was never executed"
        : "left by a create that failed";
  }

  private static String stuck(Stack stack) {
    String status = stack.stackStatusAsString();
    return "is " + status + switch (status) {
      case "DELETE_FAILED" -> ": a deletion did not finish; run destroy again";
      case "UPDATE_ROLLBACK_FAILED" -> ": CloudFormation could not roll an update back; continue the rollback "
          + "(ContinueUpdateRollback) after fixing its cause, then apply again";
      default -> ": resolve it in CloudFormation, then apply again";
    } + (stack.stackStatusReason() == null ? "" : " (" + stack.stackStatusReason() + ")");
  }

  static String parts(LiveUser u) {
    return "managed policies " + u.managedPolicyArns().toList().mkString("[", ", ", "]")
        + ", inline policies " + u.inlinePolicies().keySet().toList().mkString("[", ", ", "]")
        + ", access keys " + u.accessKeys().map(LiveAccessKey::accessKeyId).mkString("[", ", ", "]");
  }
}
