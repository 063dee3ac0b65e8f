package io.iamkit.backend.direct;

import io.iamkit.api.AwsTarget;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients one target needs, built once per target by {@code live}'s
 * {@link AwsClientFactory#forTarget} (endpoint, region, credentials, call observers, bounded retries
 * of throttling) and reused: SDK clients are thread-safe and costly to build.
 */
record Clients(IamClient iam, SecretsManagerClient secrets, LiveUserReader reader) {

  static Clients forTarget(AwsTarget target) {
    AwsClientFactory factory = AwsClientFactory.forTarget(target);
    IamClient iam = factory.iam();
    return new Clients(iam, factory.secretsManager(), LiveUserReader.of(iam));
  }
}
