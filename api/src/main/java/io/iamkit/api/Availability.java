package io.iamkit.api;

import java.util.Objects;

/**
 * Whether a backend can run in this environment, and why not.
 *
 * @param isAvailable true when it can run
 * @param reason      why it cannot (empty when available), e.g. "the pulumi CLI is not on PATH"
 */
public record Availability(boolean isAvailable, String reason) {
  private static final Availability AVAILABLE = new Availability(true, "");

  public Availability {
    Objects.requireNonNull(reason, "reason");
    if (!isAvailable && reason.isBlank()) {
      throw new IllegalArgumentException("an unavailable backend must say why");
    }
  }

  public static Availability available() {
    return AVAILABLE;
  }

  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }
}
