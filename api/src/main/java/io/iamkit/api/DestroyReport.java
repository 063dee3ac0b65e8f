package io.iamkit.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What a destroy removed.
 *
 * @param userName    the IAM user name
 * @param alreadyGone true when there was nothing to remove
 * @param removed     what was removed, in the order it was removed
 */
public record DestroyReport(String userName, boolean alreadyGone, Seq<Removed> removed) {
  /**
   * One removed resource.
   *
   * @param kind      the kind of resource
   * @param resource  its identifier (policy ARN, inline policy name, access key id, secret name, ...)
   * @param outOfBand true when the spec did not ask for it (added out of band or left over)
   */
  public record Removed(ResourceKind kind, String resource, boolean outOfBand) {
    public Removed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(resource, "resource");
    }
  }

  public DestroyReport {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(removed, "removed");
    if (alreadyGone && !removed.isEmpty()) {
      throw new IllegalArgumentException("a report of a user that was already gone cannot list removals");
    }
  }

  public static DestroyReport alreadyGone(String userName) {
    return new DestroyReport(userName, true, List.empty());
  }

  public static DestroyReport removed(String userName, Seq<Removed> removed) {
    return new DestroyReport(userName, false, removed);
  }

  /** The removals the spec did not ask for. */
  public Seq<Removed> outOfBand() {
    return removed.filter(Removed::outOfBand);
  }

  /** Several lines for a person. */
  public String describe() {
    if (alreadyGone) {
      return userName + ": already gone";
    }
    return userName + ": removed " + removed.size() + "\n  "
        + removed.map(r -> "- " + r.kind() + " " + r.resource() + (r.outOfBand() ? " (out of band)" : ""))
            .mkString("\n  ");
  }
}
