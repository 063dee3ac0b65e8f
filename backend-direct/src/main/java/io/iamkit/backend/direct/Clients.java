package io.iamkit.backend.direct;

import io.iamkit.api.AwsTarget;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClientBuilder;
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
 *
 * <p>{@code keyMaker} is the IAM client for {@code CreateAccessKey} alone. That call is not
 * idempotent: when its answer is lost (connection reset, read timeout), IAM may have made the key,
 * and sending it again would make a second one, leaving the first, whose secret went down with the
 * lost answer, on the user. So this client retries only what AWS answered it refused unprocessed
 * (throttling); a lost answer reaches the backend, which looks for the key it may have made.
 */
record Clients(IamClient iam, IamClient keyMaker, SecretsManagerClient secrets, LiveUserReader reader) {

  static Clients forTarget(AwsTarget target) {
    AwsClientFactory factory = AwsClientFactory.forTarget(target);
    IamClient iam = factory.configure(IamClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    IamClientBuilder keyMaker = factory.configure(IamClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()));
    ClientOverrideConfiguration override = keyMaker.overrideConfiguration();
    keyMaker.overrideConfiguration(override.toBuilder().retryStrategy(throttlingOnly(factory.maxAttempts())).build());
    SecretsManagerClient secrets = factory.configure(
        SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    return new Clients(iam, keyMaker.build(), secrets, LiveUserReader.of(iam));
  }

  /** Retries a request AWS refused as throttled (so did not carry out), and nothing else. */
  static RetryStrategy throttlingOnly(int maxAttempts) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20));
    return StandardRetryStrategy.builder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .useClientDefaults(false) // else the client adds the SDK's conditions, which retry a lost answer
        .retryOnException(Clients::isThrottling)
        .treatAsThrottling(Clients::isThrottling)
        .build();
  }

  private static boolean isThrottling(Throwable t) {
    return t instanceof AwsServiceException e && e.isThrottlingException();
  }
}
