package io.iamkit.api;

/** The kinds of AWS resource a deployment of one user consists of. */
public enum ResourceKind {
  /** The IAM user itself (name, path, permissions boundary). */
  USER,
  /** One tag on the user. */
  TAG,
  /** The attachment of one managed policy to the user. */
  MANAGED_POLICY_ATTACHMENT,
  /** One inline policy of the user. */
  INLINE_POLICY,
  /** One access key of the user. */
  ACCESS_KEY,
  /** The user's permissions boundary. */
  PERMISSIONS_BOUNDARY,
  /** A Secrets Manager secret the access key is delivered to. */
  SECRET,
  /** Anything else attached to the user (login profile, MFA device, SSH key, signing certificate). */
  OTHER
}
