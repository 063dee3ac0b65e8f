package io.iamkit.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Every difference between a user's spec and its live IAM state, including out-of-band additions.
 *
 * @param userName    the IAM user name from the spec
 * @param differences the differences; empty when there is no drift
 */
public record DriftReport(String userName, Seq<Difference> differences) {
  public DriftReport {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(differences, "differences");
  }

  public static DriftReport none(String userName) {
    return new DriftReport(userName, List.empty());
  }

  /** True when the live state matches the spec. */
  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** The differences of one kind. */
  public Seq<Difference> differences(Difference.Kind kind) {
    return differences.filter(d -> d.kind() == kind);
  }

  /** Several lines for a person; {@code no drift} when empty. */
  public String describe() {
    if (isEmpty()) {
      return userName + ": no drift";
    }
    return userName + ": " + differences.size() + " difference(s)\n  "
        + differences.map(Difference::describe).mkString("\n  ");
  }
}
