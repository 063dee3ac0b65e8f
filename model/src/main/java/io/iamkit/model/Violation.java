package io.iamkit.model;

import java.util.Objects;

/**
 * One broken rule in a spec or manifest.
 *
 * @param path    the field path, e.g. {@code spec.inlinePolicies.PaymentServiceAccess.Statement[0].Effect}
 * @param rule    a stable rule id, e.g. {@code user-name.charset}
 * @param message what is wrong, for a person
 */
public record Violation(String path, String rule, String message) {
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message + " [" + rule + "]";
  }
}
