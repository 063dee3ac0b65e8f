package io.iamkit.api;

import java.util.Objects;

/** ARNs of managed policies, partition-aware. */
public final class ManagedPolicies {
  private ManagedPolicies() { }

  /**
   * An AWS managed policy in the commercial partition, e.g. {@code aws("ReadOnlyAccess")} ->
   * {@code arn:aws:iam::aws:policy/ReadOnlyAccess}. The name may carry a path:
   * {@code aws("service-role/AWSLambdaBasicExecutionRole")}.
   */
  public static String aws(String name) {
    return aws(Partition.AWS, name);
  }

  /** An AWS managed policy in the given partition, e.g. {@code arn:aws-cn:iam::aws:policy/ReadOnlyAccess}. */
  public static String aws(Partition partition, String name) {
    return "arn:" + partition.id() + ":iam::aws:policy/" + checkedName(name);
  }

  /** A customer managed policy, e.g. {@code arn:aws:iam::123456789012:policy/Deploy}. */
  public static String customer(Partition partition, String accountId, String name) {
    Objects.requireNonNull(accountId, "accountId");
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("an account id has 12 digits, was '" + accountId + "'");
    }
    return "arn:" + partition.id() + ":iam::" + accountId + ":policy/" + checkedName(name);
  }

  private static String checkedName(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.startsWith("/") ? name.substring(1) : name;
    if (n.isBlank()) {
      throw new IllegalArgumentException("policy name must not be blank");
    }
    return n;
  }
}
