package io.iamkit.api;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One field of a resource before and after a change, where known.
 *
 * @param path   the field, e.g. {@code spec.path} or {@code spec.inlinePolicies.Access}
 * @param before the value before the change; none when absent or unknown
 * @param after  the value after the change; none when removed or unknown (e.g. computed by AWS)
 */
public record FieldChange(String path, Option<String> before, Option<String> after) {
  public FieldChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  public static FieldChange of(String path, String before, String after) {
    return new FieldChange(path, Option.of(before), Option.of(after));
  }
}
