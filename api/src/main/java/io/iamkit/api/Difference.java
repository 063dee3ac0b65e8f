package io.iamkit.api;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One difference between the spec and the live IAM state.
 *
 * @param kind     missing from IAM, changed in IAM, or present in IAM without being in the spec
 * @param resource the kind of resource that differs
 * @param path     the field path in spec terms, e.g. {@code spec.managedPolicyArns} or
 *                 {@code spec.inlinePolicies.Access}
 * @param expected the value the spec asks for; none for an out-of-band addition
 * @param actual   the value found in IAM; none when missing
 */
public record Difference(Kind kind, ResourceKind resource, String path, Option<String> expected, Option<String> actual) {
  /** How the live state differs. */
  public enum Kind {
    /** In the spec, not in IAM. */
    MISSING,
    /** In both, with a different value. */
    CHANGED,
    /** In IAM, not in the spec: added out of band (or left over). */
    OUT_OF_BAND
  }

  public Difference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
  }

  public static Difference missing(ResourceKind resource, String path, String expected) {
    return new Difference(Kind.MISSING, resource, path, Option.of(expected), Option.none());
  }

  public static Difference changed(ResourceKind resource, String path, String expected, String actual) {
    return new Difference(Kind.CHANGED, resource, path, Option.of(expected), Option.of(actual));
  }

  public static Difference outOfBand(ResourceKind resource, String path, String actual) {
    return new Difference(Kind.OUT_OF_BAND, resource, path, Option.none(), Option.of(actual));
  }

  /** One line for a person. */
  public String describe() {
    return switch (kind) {
      case MISSING -> "missing " + resource + " at " + path + ": expected " + expected.getOrElse("?");
      case CHANGED -> "changed " + resource + " at " + path + ": expected " + expected.getOrElse("?")
          + ", actual " + actual.getOrElse("?");
      case OUT_OF_BAND -> "out-of-band " + resource + " at " + path + ": " + actual.getOrElse("?");
    };
  }
}
