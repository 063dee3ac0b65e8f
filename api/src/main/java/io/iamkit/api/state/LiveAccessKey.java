package io.iamkit.api.state;

import java.time.Instant;
import java.util.Objects;

/**
 * An access key as IAM lists it (never its secret).
 *
 * @param accessKeyId the key id
 * @param status      Active or Inactive
 * @param created     when it was created
 */
public record LiveAccessKey(String accessKeyId, Status status, Instant created) {
  /** The key's status in IAM. */
  public enum Status {
    Active,
    Inactive
  }

  public LiveAccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
  }

  public boolean isActive() {
    return status == Status.Active;
  }
}
