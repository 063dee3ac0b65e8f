package io.iamkit.examples;

import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.IamUserAssert;
import java.util.Map;

class ComplianceAuditorIT extends ExampleIT {
  @Override
  AwsIamUser example() {
    return ComplianceAuditor.user();
  }

  @Override
  void assertDeployed(IamUserAssert user) {
    user.hasExactlyManagedPolicies("arn:aws:iam::aws:policy/ReadOnlyAccess")
        .hasExactlyInlinePolicies()
        .hasTagsExactly(Map.of("Owner", "security-team", "Purpose", "compliance-scanning"))
        .hasNoAccessKeys();
  }
}
