package io.iamkit.live;

import io.iamkit.api.AwsCallObserver;
import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
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
 * <p>Backends build their clients from the api's {@link AwsTarget} with {@link #forTarget}, so every
 * backend maps endpoint, region, credentials and call observers the same way.
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
  private final List<ExecutionInterceptor> interceptors;

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
    this.interceptors = List.copyOf(b.interceptors);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A factory for a deployment target: its endpoint override, its region (else the SDK's region
   * chain: {@code AWS_REGION}, profile, instance metadata), its credentials mapped to the SDK's
   * providers (default chain, static key, named profile) and an interceptor that tells the target's
   * {@link AwsCallObserver}s about every request.
   *
   * @throws NoRegionException when the target names no region and the SDK finds none
   */
  public static AwsClientFactory forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    Builder b = builder()
        .endpoint(target.endpointOverride().getOrNull())
        .region(target.region().map(Region::of).getOrElse(AwsClientFactory::regionFromChain))
        .credentials(credentialsProvider(target.credentials()));
    if (!target.observers().isEmpty()) {
      b.interceptor(new ObservingInterceptor(target.observers().toJavaList()));
    }
    return b.build();
  }

  /** The SDK credentials provider for the api's description of credentials. */
  public static AwsCredentialsProvider credentialsProvider(AwsCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    if (credentials instanceof AwsCredentials.Static s) {
      return StaticCredentialsProvider.create(s.sessionToken().isDefined()
          ? AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey().reveal(),
              s.sessionToken().get().reveal())
          : AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey().reveal()));
    }
    if (credentials instanceof AwsCredentials.Profile p) {
      return ProfileCredentialsProvider.create(p.name());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Region regionFromChain() {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      throw new NoRegionException("no AWS region: the target names none and the SDK found none "
          + "(set AWS_REGION, a profile region, or the target's region)", e);
    }
  }

  /**
   * The target names no region and the SDK's region chain finds none. Backends turn it into a
   * {@code DeploymentError}: it is the caller's configuration, not a bug.
   */
  public static final class NoRegionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoRegionException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Forwards every request, before it is sent, to the target's observers. */
  private static final class ObservingInterceptor implements ExecutionInterceptor {
    private final List<AwsCallObserver> observers;

    ObservingInterceptor(List<AwsCallObserver> observers) {
      this.observers = List.copyOf(observers);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      for (AwsCallObserver o : observers) {
        o.beforeCall(service, operation, context.request());
      }
    }
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoint = endpoint;
    b.region = region;
    b.credentials = credentials;
    b.maxAttempts = maxAttempts;
    b.baseDelay = baseDelay;
    b.maxDelay = maxDelay;
    b.interceptors.addAll(interceptors);
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
   * How long one attempt of an AWS call may take, and one call with all its retries: an endpoint
   * that accepts connections and never answers costs at most {@link #CALL_TIMEOUT} per call instead
   * of eight 30-second read timeouts. IAM, STS, Secrets Manager and CloudFormation answer in well
   * under a second; long waits (a stack update) are polled with short calls.
   */
  public static final java.time.Duration ATTEMPT_TIMEOUT = java.time.Duration.ofSeconds(20);
  public static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(60);

  /**
   * Applies endpoint, region, credentials, retry strategy and call timeouts to any AWS SDK v2 client
   * builder. Override settings already on the builder (execution interceptors, timeouts) are kept;
   * the retry strategy is replaced, this factory's interceptors are added, and the timeouts above
   * are set where the builder has none.
   *
   * <p>Synchronous clients get the SDK's URL-connection HTTP client. The SDK's default (Apache
   * HttpClient 5) writes whole message bodies to its wire logger at DEBUG, and a CreateAccessKey
   * response body holds the secret access key: with that client, turning logging up would leak it.
   */
  public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
    Objects.requireNonNull(builder, "builder");
    ClientOverrideConfiguration existing = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder override = existing == null
        ? ClientOverrideConfiguration.builder() : existing.toBuilder();
    interceptors.forEach(override::addExecutionInterceptor);
    if (override.apiCallAttemptTimeout() == null) {
      override.apiCallAttemptTimeout(ATTEMPT_TIMEOUT);
    }
    if (override.apiCallTimeout() == null) {
      override.apiCallTimeout(CALL_TIMEOUT);
    }
    builder.region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(override.retryStrategy(retryStrategy()).build());
    if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
      sync.httpClientBuilder(UrlConnectionHttpClient.builder());
    }
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
    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

    private Builder() {}

    /** An interceptor added to every client this factory configures. */
    public Builder interceptor(ExecutionInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

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
