package io.iamkit.model;

/**
 * Account-specific limits.
 *
 * @param maxManagedPolicies managed policies per user: 10 by default, up to 20 with a raised quota
 */
public record ValidationOptions(int maxManagedPolicies) {
  public static final int DEFAULT_MAX_MANAGED_POLICIES = 10;
  public static final int HARD_MAX_MANAGED_POLICIES = 20;

  public ValidationOptions {
    if (maxManagedPolicies < 1 || maxManagedPolicies > HARD_MAX_MANAGED_POLICIES) {
      throw new IllegalArgumentException(
          "maxManagedPolicies must be 1.." + HARD_MAX_MANAGED_POLICIES + ", was " + maxManagedPolicies);
    }
  }

  public static ValidationOptions defaults() {
    return new ValidationOptions(DEFAULT_MAX_MANAGED_POLICIES);
  }
}
