package io.iamkit.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * What an apply would change for one user.
 *
 * @param userName the IAM user name the plan is for
 * @param changes  the changes, in the order the backend would make them
 */
public record Plan(String userName, Seq<Change> changes) {
  public Plan {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(changes, "changes");
  }

  public static Plan empty(String userName) {
    return new Plan(userName, List.empty());
  }

  public static Plan of(String userName, Change... changes) {
    return new Plan(userName, List.of(changes));
  }

  /** True when applying changes nothing. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** The changes of one action. */
  public Seq<Change> changes(Change.Action action) {
    return changes.filter(c -> c.action() == action);
  }

  /** Several lines for a person; {@code no changes} when empty. */
  public String describe() {
    if (isEmpty()) {
      return userName + ": no changes";
    }
    return userName + ": " + changes.size() + " change(s)\n  "
        + changes.map(Change::describe).mkString("\n  ");
  }
}
