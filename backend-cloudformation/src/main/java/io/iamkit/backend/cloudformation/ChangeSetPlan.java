package io.iamkit.backend.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.api.Change;
import io.iamkit.api.FieldChange;
import io.iamkit.api.ResourceKind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudformation.model.ChangeAction;
import software.amazon.awssdk.services.cloudformation.model.Replacement;
import software.amazon.awssdk.services.cloudformation.model.RequiresRecreation;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;

/**
 * Maps a change set onto the api's {@link Change}s, so a reviewer reads iamkit's terms
 * ({@code + INLINE_POLICY PaymentServiceAccess}, {@code - TAG Owner}) rather than logical ids.
 *
 * <p>CloudFormation says which resource changes and how (Add, Modify, Remove; replacement or not);
 * what changes inside a resource is read from the two templates, deployed and new, because
 * CloudFormation's property-level {@code Details} name properties but not values, and emulators
 * give no details at all. One {@code AWS::IAM::User} change becomes one change per attribute that
 * differs: the user itself (name, path), its permissions boundary, each tag, each managed policy.
 * Where the templates show no difference (a change CloudFormation evaluates dynamically, such as a
 * policy that follows a renamed user), CloudFormation's details are reported as field changes.
 */
final class ChangeSetPlan {
  private ChangeSetPlan() { }

  /**
   * The changes of a change set, in the order users read them: by kind (user first, secret last),
   * then by name.
   */
  static Seq<Change> of(java.util.List<software.amazon.awssdk.services.cloudformation.model.Change> changes,
      Option<Declared> previous, Declared next) {
    List<Change> out = List.empty();
    for (var c : changes) {
      ResourceChange rc = c.resourceChange();
      if (rc != null && rc.logicalResourceId() != null && !rc.logicalResourceId().isEmpty()) {
        out = out.appendAll(resource(rc, previous, next));
      }
    }
    return sorted(out);
  }

  /** The changes a CREATE of the whole template makes (used where no change set can be made). */
  static Seq<Change> creates(Declared next) {
    List<Change> out = List.empty();
    for (Map.Entry<String, JsonNode> r : next.resources().entrySet()) {
      out = out.appendAll(added(r.getKey(), r.getValue().path("Type").asText(), next));
    }
    return sorted(out);
  }

  private static Seq<Change> sorted(List<Change> changes) {
    return changes.sortBy(c -> c.resource()).sortBy(ChangeSetPlan::order);
  }

  private static int order(Change c) {
    return switch (c.kind()) {
      case USER -> 0;
      case PERMISSIONS_BOUNDARY -> 1;
      case TAG -> 2;
      case MANAGED_POLICY_ATTACHMENT -> 3;
      case INLINE_POLICY -> 4;
      case ACCESS_KEY -> 5;
      case SECRET -> 6;
      case OTHER -> 7;
    };
  }

  private static Seq<Change> resource(ResourceChange rc, Option<Declared> previous, Declared next) {
    String id = rc.logicalResourceId();
    String type = rc.resourceType();
    ChangeAction action = rc.action();
    if (action == ChangeAction.ADD || previous.isEmpty()) {
      return added(id, type, next);
    }
    Declared prev = previous.get();
    Naming naming = new Naming(Option.of(next), previous);
    ResourceKind kind = Naming.kind(id, type);
    if (action == ChangeAction.REMOVE) {
      Declared from = prev;
      return switch (kind) {
        case USER -> List.of(Change.of(Change.Action.DELETE, ResourceKind.USER, from.userName()));
        case INLINE_POLICY -> {
          String name = naming.name(id, type, null);
          yield List.of(Change.of(Change.Action.DELETE, kind, name,
              new FieldChange("spec.inlinePolicies." + name, json(from.inlinePolicyDocuments().get(name)), Option.none())));
        }
        default -> List.of(Change.of(Change.Action.DELETE, kind, naming.name(id, type, rc.physicalResourceId())));
      };
    }
    boolean replaced = rc.replacement() == Replacement.TRUE;
    Seq<Change> modified = switch (kind) {
      case USER -> userModified(prev, next, replaced);
      case INLINE_POLICY -> {
        String name = naming.name(id, type, null);
        Option<String> before = json(prev.inlinePolicyDocuments().get(name));
        Option<String> after = json(next.inlinePolicyDocuments().get(name));
        yield before.equals(after) ? List.empty()
            : List.of(Change.of(replaced ? Change.Action.REPLACE : Change.Action.UPDATE, kind, name,
                new FieldChange("spec.inlinePolicies." + name, before, after)));
      }
      case ACCESS_KEY -> prev.accessKeySerial() == next.accessKeySerial() ? List.empty()
          : List.of(Change.of(Change.Action.REPLACE, kind, naming.name(id, type, rc.physicalResourceId()),
              FieldChange.of("Serial", Integer.toString(prev.accessKeySerial()),
                  Integer.toString(next.accessKeySerial()))));
      default -> List.empty();
    };
    if (!modified.isEmpty()) {
      return modified;
    }
    // nothing differs in the templates: CloudFormation evaluates it (e.g. a reference to a replaced
    // user); report what it says
    Change.Action a = replaced ? Change.Action.REPLACE : Change.Action.UPDATE;
    String name = kind == ResourceKind.USER ? next.userName() : naming.name(id, type, rc.physicalResourceId());
    return List.of(new Change(a, kind, name, details(rc)));
  }

  private static Seq<Change> added(String id, String type, Declared next) {
    ResourceKind kind = Naming.kind(id, type);
    Naming naming = new Naming(Option.of(next), Option.none());
    return switch (kind) {
      case USER -> {
        List<Change> out = List.of(Change.of(Change.Action.CREATE, ResourceKind.USER, next.userName(),
            FieldChange.of("spec.userName", null, next.userName()),
            FieldChange.of("spec.path", null, next.path())));
        for (String b : next.permissionsBoundary()) {
          out = out.append(Change.of(Change.Action.CREATE, ResourceKind.PERMISSIONS_BOUNDARY, b));
        }
        for (Map.Entry<String, String> t : next.tags().entrySet()) {
          out = out.append(Change.of(Change.Action.CREATE, ResourceKind.TAG, t.getKey(),
              FieldChange.of("spec.tags." + t.getKey(), null, t.getValue())));
        }
        for (String arn : next.managedPolicyArns()) {
          out = out.append(Change.of(Change.Action.CREATE, ResourceKind.MANAGED_POLICY_ATTACHMENT, arn));
        }
        yield out;
      }
      case INLINE_POLICY -> {
        String name = naming.name(id, type, null);
        yield List.of(Change.of(Change.Action.CREATE, kind, name,
            new FieldChange("spec.inlinePolicies." + name, Option.none(), json(next.inlinePolicyDocuments().get(name)))));
      }
      case ACCESS_KEY -> List.of(Change.of(Change.Action.CREATE, kind, "(new access key)"));
      default -> List.of(Change.of(Change.Action.CREATE, kind, naming.name(id, type, null)));
    };
  }

  private static Seq<Change> userModified(Declared prev, Declared next, boolean replaced) {
    List<Change> out = List.empty();
    List<FieldChange> userFields = List.empty();
    if (!prev.userName().equals(next.userName())) {
      userFields = userFields.append(FieldChange.of("spec.userName", prev.userName(), next.userName()));
    }
    if (!prev.path().equals(next.path())) {
      userFields = userFields.append(FieldChange.of("spec.path", prev.path(), next.path()));
    }
    if (replaced || !prev.userName().equals(next.userName())) {
      out = out.append(new Change(Change.Action.REPLACE, ResourceKind.USER, next.userName(), userFields));
    } else if (!userFields.isEmpty()) {
      out = out.append(new Change(Change.Action.UPDATE, ResourceKind.USER, next.userName(), userFields));
    }
    if (!prev.permissionsBoundary().equals(next.permissionsBoundary())) {
      Change.Action a = prev.permissionsBoundary().isEmpty() ? Change.Action.CREATE
          : next.permissionsBoundary().isEmpty() ? Change.Action.DELETE : Change.Action.UPDATE;
      out = out.append(Change.of(a, ResourceKind.PERMISSIONS_BOUNDARY,
          next.permissionsBoundary().orElse(prev.permissionsBoundary()).get(),
          new FieldChange("spec.permissionsBoundary", prev.permissionsBoundary(), next.permissionsBoundary())));
    }
    for (String key : new TreeSet<>(union(prev.tags().keySet(), next.tags().keySet()))) {
      Option<String> before = Option.of(prev.tags().get(key));
      Option<String> after = Option.of(next.tags().get(key));
      if (!before.equals(after)) {
        Change.Action a = before.isEmpty() ? Change.Action.CREATE : after.isEmpty() ? Change.Action.DELETE
            : Change.Action.UPDATE;
        out = out.append(Change.of(a, ResourceKind.TAG, key, new FieldChange("spec.tags." + key, before, after)));
      }
    }
    for (String arn : union(prev.managedPolicyArns(), next.managedPolicyArns())) {
      boolean was = prev.managedPolicyArns().contains(arn);
      boolean is = next.managedPolicyArns().contains(arn);
      if (was != is) {
        out = out.append(Change.of(is ? Change.Action.CREATE : Change.Action.DELETE,
            ResourceKind.MANAGED_POLICY_ATTACHMENT, arn));
      }
    }
    return out;
  }

  private static TreeSet<String> union(java.util.Collection<String> a, java.util.Collection<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** CloudFormation's property-level details, for changes the templates do not explain. */
  static Seq<FieldChange> details(ResourceChange rc) {
    List<FieldChange> out = List.empty();
    for (ResourceChangeDetail d : rc.details()) {
      ResourceTargetDefinition t = d.target();
      if (t == null) {
        continue;
      }
      String path = "Properties." + Objects.requireNonNullElse(t.name(), t.attributeAsString());
      if (out.exists(f -> f.path().equals(path))) {
        continue;
      }
      Option<String> before = Option.of(t.beforeValue());
      Option<String> after = Option.of(t.afterValue());
      if (before.isEmpty() && after.isEmpty()) {
        String why = "changes";
        if (d.causingEntity() != null) {
          why += " (follows " + d.causingEntity() + ")";
        }
        if (t.requiresRecreation() == RequiresRecreation.ALWAYS) {
          why += "; requires replacement";
        }
        after = Option.of(why);
      }
      out = out.append(new FieldChange(path, before, after));
    }
    if (out.isEmpty()) {
      out = out.append(new FieldChange("(resource " + rc.logicalResourceId() + ")", Option.none(),
          Option.of("changes as CloudFormation evaluates it")));
    }
    return out;
  }

  private static Option<String> json(JsonNode node) {
    return node == null || node.isMissingNode() ? Option.none() : Option.of(node.toString());
  }

  /** The logical ids a change set names. */
  static java.util.Set<String> logicalIds(ChangeSet changeSet) {
    java.util.Set<String> ids = new TreeSet<>();
    for (var c : changeSet.changes()) {
      if (c.resourceChange() != null && c.resourceChange().logicalResourceId() != null) {
        ids.add(c.resourceChange().logicalResourceId());
      }
    }
    return ids;
  }

  /** The logical ids whose declaration differs between the deployed and the new template. */
  static java.util.Set<String> differing(Option<Declared> previous, Declared next) {
    java.util.Set<String> ids = new TreeSet<>(next.resources().keySet());
    previous.forEach(p -> ids.addAll(p.resources().keySet()));
    ids.removeIf(id -> previous.exists(p -> p.sameResource(next, id)));
    return ids;
  }
}
