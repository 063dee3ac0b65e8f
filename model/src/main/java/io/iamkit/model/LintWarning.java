package io.iamkit.model;

import java.util.Objects;

/**
 * A least-privilege concern in a valid spec: worth a look, never a reason to refuse it.
 *
 * @param path    the field path, e.g. {@code spec.inlinePolicies.Admin.Statement[0]}
 * @param rule    a stable rule id, e.g. {@code lint.wildcard-action}
 * @param message what is broad and why it matters
 */
public record LintWarning(String path, String rule, String message) {
  public LintWarning {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message + " [" + rule + "]";
  }
}
