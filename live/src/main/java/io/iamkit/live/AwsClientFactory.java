package io.iamkit.live;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds AWS SDK v2 clients from one connection description: an optional endpoint override (an
 * emulator), a region and a credentials provider.
 *
 * <p>Every client gets the SDK's standard retry strategy with bounded exponential backoff, so
 * throttling ({@code Throttling}, {@code ThrottlingException}, HTTP 429) and transient 5xx errors
 * are retried by the SDK itself. IAM's eventual consistency ({@code NoSuchEntity} right after a
 * create) is not a transport matter and is handled by {@link EventualConsistency}.
 *
 * <p>Any other AWS SDK client can be configured the same way through {@link #configure}:
 * <pre>{@code
 * CloudFormationClient cfn = factory.configure(CloudFormationClient.builder()).build();
 * }</pre>
 */
public final class AwsClientFactory {

  /** Attempts (first call included) the SDK makes for a throttled or transient failure. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  private final URI endpoint;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;

  private AwsClientFactory(Builder b) {
    this.endpoint = b.endpoint;
    this.region = Objects.requireNonNull(b.region, "region");
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    if (b.maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + b.maxAttempts);
    }
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = Objects.requireNonNull(b.baseDelay, "baseDelay");
    this.maxDelay = Objects.requireNonNull(b.maxDelay, "maxDelay");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoint = endpoint;
    b.region = region;
    b.credentials = credentials;
    b.maxAttempts = maxAttempts;
    b.baseDelay = baseDelay;
    b.maxDelay = maxDelay;
    return b;
  }

  /** The endpoint override, empty when the SDK's regular AWS endpoints are used. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  public Region region() {
    return region;
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The retry strategy every client built here uses. */
  public RetryStrategy retryStrategy() {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .build();
  }

  /**
   * Applies endpoint, region, credentials and retry strategy to any AWS SDK v2 client builder.
   * Override settings already on the builder (execution interceptors, timeouts) are kept; only the
   * retry strategy is replaced.
   */
  public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
    Objects.requireNonNull(builder, "builder");
    ClientOverrideConfiguration existing = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder override = existing == null
        ? ClientOverrideConfiguration.builder() : existing.toBuilder();
    builder.region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(override.retryStrategy(retryStrategy()).build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  public IamClient iam() {
    return configure(IamClient.builder()).build();
  }

  public StsClient sts() {
    return configure(StsClient.builder()).build();
  }

  public SecretsManagerClient secretsManager() {
    return configure(SecretsManagerClient.builder()).build();
  }

  @Override
  public String toString() {
    return "AwsClientFactory[endpoint=" + endpoint + ", region=" + region + ", maxAttempts="
        + maxAttempts + "]";
  }

  public static final class Builder {
    private URI endpoint;
    private Region region;
    private AwsCredentialsProvider credentials;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration baseDelay = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(5);

    private Builder() {}

    /** Endpoint override, for example an emulator at {@code http://127.0.0.1:5000}; null clears. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Base and cap of the jittered exponential backoff between retries. */
    public Builder backoff(Duration baseDelay, Duration maxDelay) {
      this.baseDelay = baseDelay;
      this.maxDelay = maxDelay;
      return this;
    }

    public AwsClientFactory build() {
      return new AwsClientFactory(this);
    }
  }
}
