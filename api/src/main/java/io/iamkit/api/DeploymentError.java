package io.iamkit.api;

import io.iamkit.model.Violation;
import io.vavr.collection.Seq;
import java.time.Duration;
import java.util.Objects;

/** Why an operation did not succeed. Expected failures only; bugs throw. */
public sealed interface DeploymentError {

  /** A message for a person. */
  String message();

  /**
   * The spec broke rules; nothing was sent to any backend or to AWS.
   *
   * @param violations every violation, each with its field path
   */
  record InvalidSpec(Seq<Violation> violations) implements DeploymentError {
    public InvalidSpec {
      Objects.requireNonNull(violations, "violations");
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("InvalidSpec needs at least one violation");
      }
    }

    @Override
    public String message() {
      return "invalid spec (" + violations.size() + " violation(s)):\n  " + violations.mkString("\n  ");
    }
  }

  /**
   * The backend asked for is unknown or cannot run here.
   *
   * @param backend   the name asked for
   * @param reason    why it cannot be used
   * @param available the backends that can run here, each with a note, e.g. {@code direct}
   */
  record BackendUnavailable(String backend, String reason, Seq<BackendInfo> available) implements DeploymentError {
    public BackendUnavailable {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(available, "available");
    }

    @Override
    public String message() {
      return "backend '" + backend + "' is not available: " + reason + "; available: "
          + (available.isEmpty() ? "(none)" : available.map(BackendInfo::describe).mkString(", "));
    }
  }

  /**
   * AWS refused a request.
   *
   * @param code     the AWS error code, e.g. {@code NoSuchEntity}
   * @param resource the resource concerned, e.g. a policy ARN
   * @param detail   AWS's message
   */
  record RejectedByAws(String code, String resource, String detail) implements DeploymentError {
    public RejectedByAws {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String message() {
      return "AWS rejected the request for " + resource + " (" + code + "): " + detail;
    }
  }

  /**
   * The resource is in a state that conflicts with the operation (e.g. the user name is taken by a
   * user this deployment does not own, or another operation holds the stack or state lock).
   */
  record Conflict(String resource, String detail) implements DeploymentError {
    public Conflict {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String message() {
      return "conflict on " + resource + ": " + detail;
    }
  }

  /** The operation did not finish in time. */
  record Timeout(String operation, Duration after) implements DeploymentError {
    public Timeout {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(after, "after");
    }

    @Override
    public String message() {
      return operation + " did not finish within " + after;
    }
  }

  /**
   * After an apply, the user read back from IAM did not match the spec.
   *
   * @param differences what differs
   */
  record VerificationFailed(Seq<Difference> differences) implements DeploymentError {
    public VerificationFailed {
      Objects.requireNonNull(differences, "differences");
      if (differences.isEmpty()) {
        throw new IllegalArgumentException("VerificationFailed needs at least one difference");
      }
    }

    @Override
    public String message() {
      return "the user read back from IAM does not match the spec:\n  "
          + differences.map(Difference::describe).mkString("\n  ");
    }
  }

  /**
   * The backend failed for a reason AWS did not state (engine failure, network unreachable).
   *
   * @param backend the backend's name
   * @param detail  what happened (never a secret)
   */
  record BackendFailed(String backend, String detail) implements DeploymentError {
    public BackendFailed {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String message() {
      return "backend '" + backend + "' failed: " + detail;
    }
  }
}
