package io.iamkit.live;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of one access key as IAM reports it. The secret access key is never part of it: IAM
 * returns the secret only once, from {@code CreateAccessKey}.
 *
 * @param accessKeyId the key id ({@code AKIA...})
 * @param status whether the key can sign requests
 * @param createDate when the key was created
 * @param lastUsedDate when the key last signed a request, if IAM has recorded a use
 */
public record AccessKey(String accessKeyId, Status status, Instant createDate,
    Optional<Instant> lastUsedDate) {

  public AccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(lastUsedDate, "lastUsedDate");
  }

  public boolean active() {
    return status == Status.ACTIVE;
  }

  /** IAM's two access key states. */
  public enum Status {
    ACTIVE,
    INACTIVE;

    /** Parses IAM's spelling ({@code Active}, {@code Inactive}). */
    public static Status of(String iamValue) {
      Objects.requireNonNull(iamValue, "iamValue");
      return switch (iamValue.toLowerCase(Locale.ROOT)) {
        case "active" -> ACTIVE;
        case "inactive" -> INACTIVE;
        default -> throw new IllegalArgumentException("unknown access key status: " + iamValue);
      };
    }

    /** IAM's spelling of this status. */
    public String iamValue() {
      return this == ACTIVE ? "Active" : "Inactive";
    }
  }
}
