package io.iamkit.api.state;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * An access key as IAM lists it (never its secret).
 *
 * @param accessKeyId the key id
 * @param status      Active or Inactive
 * @param created     when it was created
 * @param lastUsed    when it last signed a request, if IAM has recorded a use
 */
public record LiveAccessKey(String accessKeyId, Status status, Instant created, Option<Instant> lastUsed) {
  /** The key's status in IAM. */
  public enum Status {
    Active,
    Inactive
  }

  public LiveAccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
  }

  /** A key with no recorded use. */
  public LiveAccessKey(String accessKeyId, Status status, Instant created) {
    this(accessKeyId, status, created, Option.none());
  }

  /** Parses IAM's spelling of a status ({@code Active}, {@code Inactive}; any case). */
  public static Status status(String iamValue) {
    Objects.requireNonNull(iamValue, "iamValue");
    for (Status s : Status.values()) {
      if (s.name().equalsIgnoreCase(iamValue)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown access key status: " + iamValue);
  }

  public boolean isActive() {
    return status == Status.Active;
  }
}
