package io.iamkit.examples;

import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.IamUserAssert;
import java.util.Map;

class CicdDeployerIT extends ExampleIT {
  @Override
  AwsIamUser example() {
    return CicdDeployer.user();
  }

  @Override
  void assertDeployed(IamUserAssert user) {
    user.hasExactlyManagedPolicies("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess",
            "arn:aws:iam::aws:policy/AmazonECS_FullAccess")
        .hasExactlyInlinePolicies()
        .hasTagsExactly(Map.of())
        .hasAccessKeys(1, LiveAccessKey.Status.Active);
  }
}
