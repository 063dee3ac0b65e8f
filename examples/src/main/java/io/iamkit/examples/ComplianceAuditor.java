package io.iamkit.examples;

import io.iamkit.api.IamUserBuilder;
import io.iamkit.model.proto.AwsIamUser;

/**
 * A read-only auditor for compliance scanning: ReadOnlyAccess, tagged with its owner and purpose,
 * and no access key at all (the scanner assumes it through other means, or keys are issued
 * separately). YAML twin: {@code examples/manifests/compliance-auditor.yaml}.
 */
public final class ComplianceAuditor {
  private ComplianceAuditor() {}

  /** The user, validated. */
  public static AwsIamUser user() {
    return IamUserBuilder.named("compliance-auditor")
        .userName("compliance-readonly")
        .awsManagedPolicy("ReadOnlyAccess")
        .disableAccessKeys(true)
        .tag("Owner", "security-team")
        .tag("Purpose", "compliance-scanning")
        .build()
        .toEither()
        .getOrElseThrow(Examples::invalid);
  }

  /** Prints the manifest, or runs one operation on the target from the environment; see {@link Examples}. */
  public static void main(String[] args) {
    System.exit(Examples.run(user(), args));
  }
}
