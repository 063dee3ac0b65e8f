package io.iamkit.backend.cloudformation;

import io.iamkit.api.Change;
import io.iamkit.api.FieldChange;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.state.LiveUser;
import io.iamkit.api.state.StateDiff;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The part of converging a user that CloudFormation does not do. CloudFormation changes what the
 * template change asks for and nothing else: it never removes a grant its template does not
 * declare, and it does not re-apply a resource whose declaration is unchanged, even when IAM no
 * longer matches it. So every difference between the spec and the live user (the shared
 * {@link StateDiff}) goes one of four ways:
 * <ul>
 *   <li>{@link Route#CLOUDFORMATION}: the change set changes the resource it belongs to;
 *   <li>{@link Route#OUT_OF_BAND}: something neither the deployed nor the new template declares
 *       (a managed policy, inline policy, tag or boundary added out of band): removed through IAM
 *       before the change set runs;
 *   <li>{@link Route#RESTORE}: a value of a resource the change set does not touch drifted
 *       (an inline policy document edited, the key deactivated, a declared managed policy detached,
 *       a tag changed): put back through IAM to exactly what the template declares, so IAM and the
 *       stack agree again (AWS's documented way to resolve drift);
 *   <li>{@link Route#FOREIGN_KEY}: an access key the stack does not own; apply leaves it (drift
 *       reports it, destroy removes it), like backend {@code direct}.
 * </ul>
 * Only differences that exist <em>before</em> CloudFormation runs are routed here; what is still
 * different afterwards is CloudFormation's (or the emulator's) doing and fails the read-back.
 */
final class Reconcile {
  private Reconcile() { }

  enum Route { CLOUDFORMATION, OUT_OF_BAND, RESTORE, FOREIGN_KEY }

  /** The differences, sorted by route. */
  record Routed(Seq<Change> outOfBand, Seq<Change> restores, Seq<String> foreignKeys) {
    static final Routed NONE = new Routed(List.empty(), List.empty(), List.empty());
  }

  static Routed route(AwsIamUser spec, LiveUser live, Option<String> ownKey, Option<Declared> previous,
      Declared next, Set<String> touched) {
    List<Change> outOfBand = List.empty();
    List<Change> restores = List.empty();
    List<String> foreign = List.empty();
    for (Change c : StateDiff.plan(spec, Option.some(live), Option.some(ownKey.getOrElse(""))).changes()) {
      switch (route(c, previous, next, touched, ownKey)) {
        case OUT_OF_BAND -> outOfBand = outOfBand.append(c);
        case RESTORE -> restores = restores.append(c);
        case FOREIGN_KEY -> foreign = foreign.append(c.resource());
        case CLOUDFORMATION -> { }
      }
    }
    return new Routed(outOfBand, restores, foreign);
  }

  static Route route(Change c, Option<Declared> previous, Declared next, Set<String> touched,
      Option<String> ownKey) {
    boolean userTouched = touched.contains(TemplateSynthesizer.USER);
    boolean delete = c.action() == Change.Action.DELETE;
    String r = c.resource();
    return switch (c.kind()) {
      case USER -> !userTouched && c.fields().exists(f -> f.path().equals("spec.path"))
          && c.fields().forAll(f -> f.path().equals("spec.path")) ? Route.RESTORE : Route.CLOUDFORMATION;
      case PERMISSIONS_BOUNDARY -> delete && !previous.exists(p -> p.permissionsBoundary().contains(r))
          ? Route.OUT_OF_BAND : orRestore(userTouched, delete);
      case TAG -> delete && !previous.exists(p -> p.tags().containsKey(r))
          ? Route.OUT_OF_BAND : orRestore(userTouched, delete);
      case MANAGED_POLICY_ATTACHMENT -> delete && !previous.exists(p -> p.managedPolicyArns().contains(r))
          ? Route.OUT_OF_BAND : orRestore(userTouched, delete);
      case INLINE_POLICY -> {
        if (delete) {
          yield previous.exists(p -> p.inlinePolicyDocuments().containsKey(r)) ? Route.CLOUDFORMATION
              : Route.OUT_OF_BAND;
        }
        yield next.inlinePolicyLogicalId(r).exists(id -> !touched.contains(id)) ? Route.RESTORE
            : Route.CLOUDFORMATION;
      }
      case ACCESS_KEY -> switch (c.action()) {
        case DELETE -> ownKey.contains(r) ? Route.CLOUDFORMATION : Route.FOREIGN_KEY;
        case UPDATE -> touched.contains(TemplateSynthesizer.ACCESS_KEY) ? Route.CLOUDFORMATION : Route.RESTORE;
        default -> Route.CLOUDFORMATION;
      };
      default -> Route.CLOUDFORMATION;
    };
  }

  /** A declared value that differs: CloudFormation's job when it changes the user, else a restore. */
  private static Route orRestore(boolean userTouched, boolean delete) {
    return userTouched || delete ? Route.CLOUDFORMATION : Route.RESTORE;
  }

  /**
   * Makes one out-of-band removal or restore through IAM, on the user named {@code userName}
   * (values from the template about to be deployed).
   */
  static void apply(Session s, Change c, String userName, Declared next) {
    IamClient iam = s.clients.iam();
    String r = c.resource();
    String op;
    Runnable call;
    switch (c.kind()) {
      case USER -> {
        op = "UpdateUser";
        call = () -> iam.updateUser(b -> b.userName(userName).newPath(next.path()));
      }
      case PERMISSIONS_BOUNDARY -> {
        op = c.action() == Change.Action.DELETE ? "DeleteUserPermissionsBoundary" : "PutUserPermissionsBoundary";
        call = c.action() == Change.Action.DELETE
            ? () -> iam.deleteUserPermissionsBoundary(b -> b.userName(userName))
            : () -> iam.putUserPermissionsBoundary(b -> b.userName(userName).permissionsBoundary(r));
      }
      case TAG -> {
        op = c.action() == Change.Action.DELETE ? "UntagUser" : "TagUser";
        call = c.action() == Change.Action.DELETE
            ? () -> iam.untagUser(b -> b.userName(userName).tagKeys(r))
            : () -> iam.tagUser(b -> b.userName(userName).tags(t -> t.key(r).value(next.tags().get(r))));
      }
      case MANAGED_POLICY_ATTACHMENT -> {
        op = c.action() == Change.Action.DELETE ? "DetachUserPolicy" : "AttachUserPolicy";
        call = c.action() == Change.Action.DELETE
            ? () -> iam.detachUserPolicy(b -> b.userName(userName).policyArn(r))
            : () -> iam.attachUserPolicy(b -> b.userName(userName).policyArn(r));
      }
      case INLINE_POLICY -> {
        op = c.action() == Change.Action.DELETE ? "DeleteUserPolicy" : "PutUserPolicy";
        call = c.action() == Change.Action.DELETE
            ? () -> iam.deleteUserPolicy(b -> b.userName(userName).policyName(r))
            : () -> iam.putUserPolicy(b -> b.userName(userName).policyName(r)
                .policyDocument(next.inlinePolicyDocuments().get(r).toString()));
      }
      case ACCESS_KEY -> {
        op = "UpdateAccessKey";
        call = () -> iam.updateAccessKey(b -> b.userName(userName).accessKeyId(r).status("Active"));
      }
      default -> throw new IllegalStateException("no IAM step for " + c.describe());
    }
    s.step(op, c.kind(), r, c.action(), call);
  }

  /** A note naming what a route did, for {@code Deployment.notes()} and previews. */
  static String describe(Route route, Change c) {
    String what = c.kind() + " " + c.resource();
    return switch (route) {
      case OUT_OF_BAND -> what + ": out of band (no template declares it); removed through IAM";
      case RESTORE -> what + ": drifted from the template, which this apply does not change; restored "
          + "through IAM to the declared value (CloudFormation does not re-apply an unchanged resource)"
          + c.fields().headOption().map(FieldChange::path).map(p -> " [" + p + "]").getOrElse("");
      default -> what;
    };
  }
}
