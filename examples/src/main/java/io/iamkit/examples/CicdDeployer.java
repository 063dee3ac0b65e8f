package io.iamkit.examples;

import io.iamkit.api.IamUserBuilder;
import io.iamkit.model.proto.AwsIamUser;

/**
 * A CI/CD deployer: the user a pipeline (here GitHub Actions) uses to push images to ECR and roll
 * out ECS services. Two AWS managed policies, one access key for the pipeline's secret store.
 * YAML twin: {@code examples/manifests/cicd-deployer.yaml}.
 */
public final class CicdDeployer {
  private CicdDeployer() {}

  /** The user, validated. */
  public static AwsIamUser user() {
    return IamUserBuilder.named("cicd-deployer")
        .userName("github-actions-deployer")
        .awsManagedPolicy("AmazonEC2ContainerRegistryFullAccess")
        .awsManagedPolicy("AmazonECS_FullAccess")
        .build()
        .toEither()
        .getOrElseThrow(Examples::invalid);
  }

  /** Prints the manifest, or runs one operation on the target from the environment; see {@link Examples}. */
  public static void main(String[] args) {
    System.exit(Examples.run(user(), args));
  }
}
