package io.iamkit.api;

import java.util.Objects;

/**
 * A secret value, such as an access key's secret. It is never shown by {@link #toString()}, never
 * takes part in {@link #equals(Object)} or {@link #hashCode()} (both are identity-based), and cannot
 * be serialised: the class is deliberately not {@link java.io.Serializable}, so Java serialisation of
 * it, or of any value holding it, fails, and its field is {@code transient}, so reflection-based
 * serialisers leave it out. The value is obtained only through {@link #reveal()}.
 */
public final class Secret {
  private static final String MASK = "Secret[****]";

  // transient: reflection-based serialisers (Jackson, Gson, Kryo) skip the field by default
  private final transient String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret value must not be empty");
    }
    return new Secret(value);
  }

  /** The secret itself. Call it only where the value must leave the process (e.g. a secret store). */
  public String reveal() {
    return value;
  }

  /**
   * Compares the secret with another one in time independent of where they differ. Use this instead
   * of {@link #equals(Object)}, which is identity.
   */
  public boolean sameValueAs(Secret other) {
    Objects.requireNonNull(other, "other");
    return java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Always {@code Secret[****]}. */
  @Override
  public String toString() {
    return MASK;
  }

  /** Identity: two secrets are equal only if they are the same object. */
  @Override
  public boolean equals(Object obj) {
    return this == obj;
  }

  /** Identity hash: reveals nothing about the value. */
  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
