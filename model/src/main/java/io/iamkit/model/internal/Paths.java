package io.iamkit.model.internal;

import java.util.regex.Pattern;

/** Builds the field paths used in violations: {@code spec.inlinePolicies.Name.Statement[0].Effect}. */
public final class Paths {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private Paths() {}

  /** {@code base.field}, or {@code field} when base is empty. */
  public static String field(String base, String field) {
    return base.isEmpty() ? field : base + "." + field;
  }

  /** A map key: {@code base.key} for plain keys, {@code base["odd key"]} otherwise. */
  public static String key(String base, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return field(base, key);
    }
    return base + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  /** A list index: {@code base[i]}. */
  public static String index(String base, int index) {
    return base + "[" + index + "]";
  }

  /** Shortens a value for quoting in a message. */
  public static String quote(String value) {
    String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
    return "\"" + shown + "\"";
  }
}
