package io.iamkit.api;

import java.util.Objects;

/**
 * A backend found on the class path and whether it can run here.
 *
 * @param name         the backend's name, e.g. {@code direct}
 * @param availability whether it can run, and why not
 */
public record BackendInfo(String name, Availability availability) {
  public BackendInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(availability, "availability");
  }

  /** E.g. {@code direct} or {@code pulumi (unavailable: pulumi CLI not on PATH)}. */
  public String describe() {
    return availability.isAvailable() ? name : name + " (unavailable: " + availability.reason() + ")";
  }
}
