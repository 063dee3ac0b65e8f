package io.iamkit.backend.direct;

import io.iamkit.api.AwsTarget;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients one target needs, configured by {@code live}'s {@link AwsClientFactory#forTarget}
 * (endpoint, region, credentials, call observers, bounded retries of throttling), built once per
 * target and reused: SDK clients are thread-safe and costly to build.
 *
 * <p>They use the JDK's URL connection HTTP client, not the SDK's default Apache HttpClient 5:
 * the latter's wire logger ({@code org.apache.hc.client5.http.wire}, DEBUG) writes message bodies,
 * which would put the {@code CreateAccessKey} response and the {@code PutSecretValue} request, so
 * the secret access key, into the log of any application that turns logging up (C-08).
 */
record Clients(IamClient iam, SecretsManagerClient secrets, LiveUserReader reader) {

  static Clients forTarget(AwsTarget target) {
    AwsClientFactory factory = AwsClientFactory.forTarget(target);
    IamClient iam = factory.configure(IamClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    SecretsManagerClient secrets = factory.configure(
        SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    return new Clients(iam, secrets, LiveUserReader.of(iam));
  }
}
