package io.iamkit.backend.cloudformation;

import io.iamkit.api.AwsTarget;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients one target needs, configured by {@code live}'s {@link AwsClientFactory#forTarget}
 * (endpoint, region, credentials, the target's call observers, bounded retries of throttling and
 * 5xx, and the URL-connection HTTP client, whose absence of a wire log keeps the secret out of
 * DEBUG logs). Built once per target and reused: SDK clients are thread-safe and costly to build.
 */
record Clients(CloudFormationClient cfn, IamClient iam, SecretsManagerClient secrets, LiveUserReader reader) {

  static Clients forTarget(AwsTarget target) {
    AwsClientFactory factory = AwsClientFactory.forTarget(target);
    IamClient iam = factory.iam();
    return new Clients(factory.configure(CloudFormationClient.builder()).build(), iam,
        factory.secretsManager(), LiveUserReader.of(iam));
  }
}
