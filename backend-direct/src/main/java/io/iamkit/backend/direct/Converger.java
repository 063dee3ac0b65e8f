package io.iamkit.backend.direct;

import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.FieldChange;
import io.iamkit.api.Plan;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.state.StateDiff;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Tag;

/** Preview, apply, drift and outputs of one user: the spec against what {@link Locator} found. */
final class Converger {
  private Converger() { }

  // ---- preview and drift

  /** The plan: the shared diff, minus deletions of keys iamkit does not own (apply never deletes those). */
  static Plan plan(Session s, Option<Found> found) {
    Plan plan;
    if (found.isEmpty()) {
      plan = StateDiff.plan(s.user.user(), Option.none());
    } else {
      Found f = found.get();
      Plan full = StateDiff.plan(s.user.user(), Option.some(f.view()), Option.some(f.ownKeyIdForDiff()));
      plan = new Plan(full.userName(), full.changes().filter(c -> !isForeignKeyDeletion(c, f)));
    }
    return withSecretDelivery(s, plan);
  }

  /**
   * With {@code spec.secretDelivery}, a new key's secret is written to Secrets Manager and a removed
   * key's secret is deleted there: the plan says so, beside the key change.
   */
  private static Plan withSecretDelivery(Session s, Plan plan) {
    AwsIamUserSpec spec = s.user.spec();
    if (!spec.hasSecretDelivery()) {
      return plan;
    }
    String secretName = spec.getSecretDelivery().getSecretName();
    Seq<Change> changes = plan.changes();
    if (changes.exists(c -> c.kind() == ResourceKind.ACCESS_KEY && c.action() == Change.Action.CREATE)) {
      boolean exists = SecretStore.describe(s, secretName).exists(d -> d.deletedDate() == null);
      changes = changes.append(Change.of(exists ? Change.Action.UPDATE : Change.Action.CREATE,
          ResourceKind.SECRET, secretName));
    } else if (changes.exists(c -> c.kind() == ResourceKind.ACCESS_KEY && c.action() == Change.Action.DELETE)) {
      changes = changes.append(Change.of(Change.Action.DELETE, ResourceKind.SECRET, secretName));
    }
    return new Plan(plan.userName(), changes);
  }

  static DriftReport drift(Session s, Option<Found> found) {
    return StateDiff.drift(s.user.user(), found.map(Found::view),
        Option.some(found.map(Found::ownKeyIdForDiff).getOrElse("")));
  }

  static Seq<String> foreignKeys(Option<Found> found) {
    return found.map(f -> f.view().accessKeys().map(k -> k.accessKeyId()).filter(id -> !f.isOwnKey(id)))
        .getOrElse(List.empty());
  }

  private static boolean isForeignKeyDeletion(Change c, Found f) {
    return c.kind() == ResourceKind.ACCESS_KEY && c.action() == Change.Action.DELETE && !f.isOwnKey(c.resource());
  }

  // ---- apply

  static Deployment apply(Session s) {
    Option<Found> found = Locator.locate(s);
    Plan plan = plan(s, found);
    AwsIamUserSpec spec = s.user.spec();
    Seq<String> foreign = foreignKeys(found);
    if (plan.isEmpty()) {
      s.message(ProgressEvent.Message.Level.INFO, "no changes");
      return notes(s, new Deployment(outputs(s, found.get(), Option.none()), plan, Option.none(), List.empty()),
          found.get(), foreign, false);
    }
    checkPoliciesExist(s, plan);
    if (spec.hasSecretDelivery() && plan.changes().exists(c -> c.kind() == ResourceKind.ACCESS_KEY
        && (c.action() == Change.Action.CREATE || c.action() == Change.Action.DELETE))) {
      // the key's secret will be written to (or deleted from) this secret: it must be ours
      SecretStore.checkOwnership(s, spec.getSecretDelivery().getSecretName());
    }

    String currentName = found.map(f -> f.raw().userName()).getOrElse(spec.getUserName());
    boolean created = found.isEmpty();
    if (created) {
      createUser(s);
    } else {
      currentName = updateUser(s, plan, found.get());
      boundary(s, plan, currentName);
      tags(s, plan, currentName);
    }
    final String name = currentName;
    // remove grants first, then add: the user never holds more than the union it is moving between
    for (Change c : plan.changes()) {
      if (c.action() == Change.Action.DELETE && c.kind() == ResourceKind.MANAGED_POLICY_ATTACHMENT) {
        s.step("DetachUserPolicy", c.kind(), c.resource(), c.action(),
            () -> s.clients.iam().detachUserPolicy(r -> r.userName(name).policyArn(c.resource())));
      } else if (c.action() == Change.Action.DELETE && c.kind() == ResourceKind.INLINE_POLICY) {
        s.step("DeleteUserPolicy", c.kind(), c.resource(), c.action(),
            () -> s.clients.iam().deleteUserPolicy(r -> r.userName(name).policyName(c.resource())));
      }
    }
    for (Change c : plan.changes()) {
      if (c.action() == Change.Action.CREATE && c.kind() == ResourceKind.MANAGED_POLICY_ATTACHMENT) {
        s.step("AttachUserPolicy", c.kind(), c.resource(), c.action(),
            () -> s.clients.iam().attachUserPolicy(r -> r.userName(name).policyArn(c.resource())));
      } else if (c.action() != Change.Action.DELETE && c.kind() == ResourceKind.INLINE_POLICY) {
        String document = PolicyDocument.of(spec.getInlinePoliciesMap().get(c.resource())).toJson();
        s.step("PutUserPolicy", c.kind(), c.resource(), c.action(), () -> s.clients.iam().putUserPolicy(
            r -> r.userName(name).policyName(c.resource()).policyDocument(document)));
      }
    }
    NewKey newKey = new NewKey();
    try {
      KeyResult key = keys(s, plan, found, name, newKey);
      Found after = verify(s);
      Deployment d = new Deployment(outputs(s, after, key.secretArn), plan,
          key.secret.filter(x -> !spec.hasSecretDelivery()), List.empty());
      return notes(s, d, after, foreign, key.secret.isDefined());
    } catch (RuntimeException e) {
      newKey.withdrawUndelivered(s, name);
      throw e;
    }
  }

  /**
   * The access key this apply created, until its secret is safe. AWS returns a secret only once: if
   * the apply fails after {@code CreateAccessKey} and before the secret reached the caller or its
   * Secrets Manager secret, a key left behind (and tagged as iamkit's own) would be one whose secret
   * nobody has. Such a key is deleted again, so the next apply makes a new one and hands it over.
   */
  private static final class NewKey {
    private String keyId;
    private boolean delivered;

    void created(String id) {
      keyId = id;
    }

    void delivered() {
      delivered = true;
    }

    /** Deletes the key made by this apply unless its secret was delivered. Never throws. */
    void withdrawUndelivered(Session s, String userName) {
      if (keyId == null || delivered) {
        return;
      }
      try {
        s.clients.iam().deleteAccessKey(r -> r.userName(userName).accessKeyId(keyId));
        s.clients.iam().untagUser(r -> r.userName(userName).tagKeys(Ownership.ACCESS_KEY_TAG));
        s.message(ProgressEvent.Message.Level.WARN, "the apply failed after creating access key " + keyId
            + " and before its secret was handed over; the key was deleted again, the next apply creates a"
            + " new one");
      } catch (RuntimeException cleanup) {
        s.message(ProgressEvent.Message.Level.WARN, "the apply failed after creating access key " + keyId
            + ", whose secret was never handed over, and deleting it failed too (" + cleanup.getMessage()
            + "): it remains on user " + userName + "; delete it (aws iam delete-access-key --user-name "
            + userName + " --access-key-id " + keyId + ") and apply again");
      }
    }
  }

  private static Deployment notes(Session s, Deployment d, Found f, Seq<String> foreign, boolean keyCreated) {
    AwsIamUserSpec spec = s.user.spec();
    Deployment out = d;
    if (!keyCreated && f.ownKeyId().isDefined() && !spec.getDisableAccessKeys()) {
      out = out.withNote("access key " + f.ownKeyId().get() + " was created earlier; AWS never returns a secret"
          + " twice, so it is only available where it was delivered"
          + (spec.hasSecretDelivery() ? " (Secrets Manager secret " + spec.getSecretDelivery().getSecretName() + ")"
              : " (returned once, by the apply that created it)"));
    }
    if (keyCreated && spec.hasSecretDelivery()) {
      out = out.withNote("the secret access key was delivered to Secrets Manager secret "
          + spec.getSecretDelivery().getSecretName());
    }
    for (String id : foreign) {
      out = out.withNote("access key " + id + " was not created by iamkit; apply leaves it in place"
          + " (drift reports it, destroy removes it)");
    }
    return out;
  }

  /** C-06: every managed policy (and boundary) the plan attaches must exist before anything is changed. */
  private static void checkPoliciesExist(Session s, Plan plan) {
    for (Change c : plan.changes()) {
      boolean attaches = c.kind() == ResourceKind.MANAGED_POLICY_ATTACHMENT && c.action() == Change.Action.CREATE;
      boolean bounds = c.kind() == ResourceKind.PERMISSIONS_BOUNDARY && c.action() != Change.Action.DELETE;
      if (attaches || bounds) {
        try {
          s.clients.iam().getPolicy(r -> r.policyArn(c.resource()));
        } catch (AwsServiceException e) {
          DeploymentError.RejectedByAws rejected = s.rejected("GetPolicy", c.resource(), e);
          String detail = "NoSuchEntity".equals(rejected.code())
              ? "the managed policy " + c.resource() + " does not exist; nothing was changed (" + rejected.detail() + ")"
              : rejected.detail();
          throw new StepFailed(new DeploymentError.RejectedByAws(rejected.code(), rejected.resource(), detail));
        }
      }
    }
  }

  private static void createUser(Session s) {
    AwsIamUserSpec spec = s.user.spec();
    java.util.List<Tag> tags = new ArrayList<>();
    StateDiff.expectedTags(s.user.user()).forEach(t -> tags.add(Tag.builder().key(t._1).value(t._2).build()));
    tags.add(Tag.builder().key(Ownership.RESOURCE_TAG).value(s.user.name()).build());
    s.step("CreateUser", ResourceKind.USER, spec.getUserName(), Change.Action.CREATE,
        () -> s.clients.iam().createUser(r -> {
          r.userName(spec.getUserName()).path(StateDiff.expectedPath(spec)).tags(tags);
          if (!spec.getPermissionsBoundary().isEmpty()) {
            r.permissionsBoundary(spec.getPermissionsBoundary());
          }
        }));
  }

  /** Rename and/or move in one UpdateUser (the same user: same UserId, keys and policies); the name now. */
  private static String updateUser(Session s, Plan plan, Found f) {
    String oldName = f.raw().userName();
    String newName = null;
    String newPath = null;
    for (Change c : plan.changes()) {
      if (c.kind() == ResourceKind.USER && c.action() == Change.Action.UPDATE) {
        for (FieldChange fc : c.fields()) {
          if (fc.path().equals("spec.userName")) {
            newName = fc.after().get();
          } else if (fc.path().equals("spec.path")) {
            newPath = fc.after().get();
          }
        }
      }
    }
    if (newName == null && newPath == null) {
      return oldName;
    }
    String n = newName;
    String p = newPath;
    s.step("UpdateUser", ResourceKind.USER, oldName, Change.Action.UPDATE, () -> s.clients.iam().updateUser(r -> {
      r.userName(oldName);
      if (n != null) {
        r.newUserName(n);
      }
      if (p != null) {
        r.newPath(p);
      }
    }));
    String now = n == null ? oldName : n;
    if (n != null) {
      // re-assert every tag on the renamed user: IAM keeps them, but emulators (moto) drop them on rename
      java.util.List<Tag> tags = new ArrayList<>();
      f.raw().tags().filterKeys(Ownership::isOwnTag).forEach(t -> tags.add(Tag.builder().key(t._1).value(t._2).build()));
      StateDiff.expectedTags(s.user.user()).forEach(t -> tags.add(Tag.builder().key(t._1).value(t._2).build()));
      s.step("TagUser", ResourceKind.TAG, "(all tags after rename)", Change.Action.UPDATE,
          () -> s.clients.iam().tagUser(r -> r.userName(now).tags(tags)));
    }
    return now;
  }

  private static void boundary(Session s, Plan plan, String name) {
    for (Change c : plan.changes(Change.Action.DELETE)) {
      if (c.kind() == ResourceKind.PERMISSIONS_BOUNDARY) {
        s.step("DeleteUserPermissionsBoundary", c.kind(), c.resource(), c.action(),
            () -> s.clients.iam().deleteUserPermissionsBoundary(r -> r.userName(name)));
      }
    }
    for (Change c : plan.changes()) {
      if (c.kind() == ResourceKind.PERMISSIONS_BOUNDARY && c.action() != Change.Action.DELETE) {
        s.step("PutUserPermissionsBoundary", c.kind(), c.resource(), c.action(),
            () -> s.clients.iam().putUserPermissionsBoundary(r -> r.userName(name).permissionsBoundary(c.resource())));
      }
    }
  }

  private static void tags(Session s, Plan plan, String name) {
    Map<String, String> expected = new TreeMap<>(StateDiff.expectedTags(s.user.user()).toJavaMap());
    java.util.List<Tag> set = new ArrayList<>();
    java.util.List<String> remove = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (c.kind() != ResourceKind.TAG) {
        continue;
      }
      if (c.action() == Change.Action.DELETE) {
        remove.add(c.resource());
      } else {
        set.add(Tag.builder().key(c.resource()).value(expected.get(c.resource())).build());
      }
    }
    if (!remove.isEmpty()) {
      s.step("UntagUser", ResourceKind.TAG, String.join(",", remove), Change.Action.DELETE,
          () -> s.clients.iam().untagUser(r -> r.userName(name).tagKeys(remove)));
    }
    if (!set.isEmpty()) {
      s.step("TagUser", ResourceKind.TAG, String.join(",", set.stream().map(Tag::key).toList()),
          Change.Action.UPDATE, () -> s.clients.iam().tagUser(r -> r.userName(name).tags(set)));
    }
  }

  private record KeyResult(Option<Secret> secret, Option<String> secretArn) { }

  private static KeyResult keys(Session s, Plan plan, Option<Found> found, String name, NewKey newKey) {
    AwsIamUserSpec spec = s.user.spec();
    Option<Secret> secret = Option.none();
    Option<String> secretArn = Option.none();
    for (Change c : plan.changes()) {
      if (c.kind() != ResourceKind.ACCESS_KEY) {
        continue;
      }
      switch (c.action()) {
        case UPDATE -> s.step("UpdateAccessKey", c.kind(), c.resource(), c.action(),
            () -> s.clients.iam().updateAccessKey(r -> r.userName(name).accessKeyId(c.resource()).status("Active")));
        case DELETE -> {
          // only iamkit's own key reaches here (foreign keys were filtered out of the plan)
          s.step("DeleteAccessKey", c.kind(), c.resource(), c.action(),
              () -> s.clients.iam().deleteAccessKey(r -> r.userName(name).accessKeyId(c.resource())));
          s.step("UntagUser", ResourceKind.TAG, Ownership.ACCESS_KEY_TAG, Change.Action.DELETE,
              () -> s.clients.iam().untagUser(r -> r.userName(name).tagKeys(Ownership.ACCESS_KEY_TAG)));
          if (spec.hasSecretDelivery()) {
            // the delivered key no longer exists: leave no stale secret behind
            SecretStore.forceDelete(s, spec.getSecretDelivery().getSecretName());
          }
        }
        case CREATE -> {
          java.util.Set<String> before = found.map(f -> f.raw().accessKeys().map(k -> k.accessKeyId()).toJavaSet())
              .getOrElse(java.util.Set.of());
          AccessKey key;
          try {
            // keyMaker: not sent again when its answer is lost (see Clients)
            key = s.step("CreateAccessKey", c.kind(), c.resource(), c.action(),
                () -> s.clients.keyMaker().createAccessKey(r -> r.userName(name)).accessKey());
          } catch (StepFailed failed) {
            if (failed.error() instanceof DeploymentError.BackendFailed) {
              withdrawUnanswered(s, name, before);
            }
            throw failed;
          }
          Secret value = Secret.of(key.secretAccessKey());
          String id = key.accessKeyId();
          newKey.created(id);
          s.step("TagUser", ResourceKind.TAG, Ownership.ACCESS_KEY_TAG, Change.Action.UPDATE,
              () -> s.clients.iam().tagUser(r -> r.userName(name).tags(t -> t.key(Ownership.ACCESS_KEY_TAG).value(id))));
          if (found.isDefined() && found.get().ownKeyId().isDefined()) {
            s.message(ProgressEvent.Message.Level.INFO, "iamkit's access key " + found.get().ownKeyId().get()
                + " no longer exists; created " + id);
          }
          if (spec.hasSecretDelivery()) {
            secretArn = Option.some(SecretStore.deliver(s, spec.getSecretDelivery(), name, id, value));
            newKey.delivered();
          }
          secret = Option.some(value);
        }
        default -> throw new IllegalStateException("unexpected key change " + c.action());
      }
    }
    return new KeyResult(secret, secretArn);
  }

  /**
   * CreateAccessKey got no answer: IAM may have made the key, and its secret went down with the lost
   * answer. A key that was not on the user before this apply is that key: it is deleted, so no key
   * whose secret nobody holds stays behind (it would count against IAM's two keys per user). Never throws.
   */
  private static void withdrawUnanswered(Session s, String userName, java.util.Set<String> before) {
    try {
      for (var meta : s.clients.iam().listAccessKeys(r -> r.userName(userName)).accessKeyMetadata()) {
        if (!before.contains(meta.accessKeyId())) {
          s.clients.iam().deleteAccessKey(r -> r.userName(userName).accessKeyId(meta.accessKeyId()));
          s.message(ProgressEvent.Message.Level.WARN, "CreateAccessKey got no answer, but IAM made access key "
              + meta.accessKeyId() + ", whose secret never arrived: the key was deleted again; the next apply"
              + " creates a new one");
        }
      }
    } catch (RuntimeException e) {
      s.message(ProgressEvent.Message.Level.WARN, "CreateAccessKey got no answer, and the user's keys could not be"
          + " listed (" + e.getMessage() + "): IAM may have made a key whose secret never arrived; drift shows it"
          + " as out of band (aws iam list-access-keys --user-name " + userName + "), destroy removes it");
    }
  }

  /** Reads the user back and fails with the difference if IAM does not hold the spec. */
  private static Found verify(Session s) {
    String name = s.userName();
    var raw = s.read("GetUser", name, () -> s.clients.reader().readAfterCreate(name));
    if (raw.isEmpty()) {
      throw new StepFailed(new DeploymentError.VerificationFailed(List.of(
          Difference.missing(ResourceKind.USER, "spec.userName", name))));
    }
    Found f = Found.of(raw.get());
    Seq<Difference> diffs = drift(s, Option.some(f)).differences()
        .filter(d -> !(d.resource() == ResourceKind.ACCESS_KEY && d.kind() == Difference.Kind.OUT_OF_BAND
            && !d.actual().exists(a -> f.isOwnKey(a.split(" ")[0]))));
    if (!diffs.isEmpty()) {
      throw new StepFailed(new DeploymentError.VerificationFailed(diffs));
    }
    return f;
  }

  // ---- outputs

  static AwsIamUserOutputs outputs(Session s, Found f, Option<String> secretArn) {
    AwsIamUserSpec spec = s.user.spec();
    AwsIamUserOutputs.Builder o = AwsIamUserOutputs.newBuilder()
        .setUserArn(f.raw().arn())
        .setUserName(f.raw().userName())
        .setUserId(f.raw().userId())
        .setConsoleUrl(consoleUrl(f.raw().arn()));
    f.ownKeyId().filter(id -> f.raw().accessKey(id).isDefined()).forEach(o::setAccessKeyId);
    if (spec.hasSecretDelivery() && !o.getAccessKeyId().isEmpty()) {
      Option<String> arn = secretArn.orElse(() -> SecretStore.describe(s, spec.getSecretDelivery().getSecretName())
          .filter(d -> d.deletedDate() == null).map(d -> d.arn()));
      arn.forEach(o::setSecretArn);
    }
    return o.build();
  }

  static String consoleUrl(String userArn) {
    return io.iamkit.api.Partition.consoleUrl(userArn);
  }
}
