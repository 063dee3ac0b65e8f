package io.iamkit.api;

import java.util.Locale;
import java.util.Objects;

/** An AWS partition: the first field of every ARN. */
public enum Partition {
  /** Commercial regions. */
  AWS("aws"),
  /** China regions (cn-north-1, cn-northwest-1). */
  AWS_CN("aws-cn"),
  /** AWS GovCloud (US) regions. */
  AWS_US_GOV("aws-us-gov");

  private final String id;

  Partition(String id) {
    this.id = id;
  }

  /** The partition as written in ARNs, e.g. {@code aws-cn}. */
  public String id() {
    return id;
  }

  /** The partition a region belongs to, e.g. {@code cn-north-1} -> {@link #AWS_CN}. */
  public static Partition ofRegion(String region) {
    String r = Objects.requireNonNull(region, "region").toLowerCase(Locale.ROOT);
    if (r.startsWith("cn-")) {
      return AWS_CN;
    }
    if (r.startsWith("us-gov-")) {
      return AWS_US_GOV;
    }
    return AWS;
  }

  @Override
  public String toString() {
    return id;
  }
}
