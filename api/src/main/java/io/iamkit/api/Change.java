package io.iamkit.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * One planned change to one resource.
 *
 * @param action   create, update, replace or delete
 * @param kind     the kind of resource
 * @param resource the resource's identifier within the user, e.g. the user name, a policy ARN, an
 *                 inline policy name, a tag key or an access key id
 * @param fields   field-level before/after values where the backend knows them
 */
public record Change(Action action, ResourceKind kind, String resource, Seq<FieldChange> fields) {
  /** What happens to the resource. */
  public enum Action {
    CREATE,
    UPDATE,
    REPLACE,
    DELETE
  }

  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(fields, "fields");
  }

  public static Change of(Action action, ResourceKind kind, String resource, FieldChange... fields) {
    return new Change(action, kind, resource, List.of(fields));
  }

  /** One line for a person, e.g. {@code + MANAGED_POLICY_ATTACHMENT arn:aws:iam::aws:policy/ReadOnlyAccess}. */
  public String describe() {
    String sign = switch (action) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case REPLACE -> "+/-";
      case DELETE -> "-";
    };
    StringBuilder sb = new StringBuilder(sign).append(' ').append(kind).append(' ').append(resource);
    for (FieldChange f : fields) {
      sb.append("\n    ").append(f.path()).append(": ")
          .append(f.before().getOrElse("(none)")).append(" -> ").append(f.after().getOrElse("(none)"));
    }
    return sb.toString();
  }
}
