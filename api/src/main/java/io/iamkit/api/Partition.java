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

  /** The host of the partition's console sign-in, e.g. {@code signin.aws.amazon.com}. */
  public String signInHost() {
    return switch (this) {
      case AWS -> "signin.aws.amazon.com";
      case AWS_CN -> "signin.amazonaws.cn";
      case AWS_US_GOV -> "signin.amazonaws-us-gov.com";
    };
  }

  /**
   * The console sign-in URL of the account an IAM user ARN belongs to, in the ARN's partition, e.g.
   * {@code https://123456789012.signin.aws.amazon.com/console}; empty when the text is no such ARN.
   */
  public static String consoleUrl(String userArn) {
    String[] parts = Objects.requireNonNull(userArn, "userArn").split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || parts[4].isEmpty()) {
      return "";
    }
    Partition partition = java.util.Arrays.stream(values()).filter(p -> p.id.equals(parts[1])).findFirst()
        .orElse(AWS);
    return "https://" + parts[4] + "." + partition.signInHost() + "/console";
  }

  @Override
  public String toString() {
    return id;
  }
}
