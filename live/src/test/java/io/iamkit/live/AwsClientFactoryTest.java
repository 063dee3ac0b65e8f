package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

class AwsClientFactoryTest {

  private final AwsClientFactory factory = AwsClientFactory.builder()
      .endpoint(URI.create("http://127.0.0.1:5999"))
      .region(Region.EU_WEST_1)
      .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
      .maxAttempts(5)
      .build();

  @Test
  void clientsGetEndpointRegionAndRetryStrategy() {
    try (IamClient iam = factory.iam(); StsClient sts = factory.sts()) {
      assertThat(iam.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://127.0.0.1:5999"));
      assertThat(sts.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
      assertThat(iam.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .hasValueSatisfying(s -> assertThat(s.maxAttempts()).isEqualTo(5));
    }
  }

  @Test
  void configureKeepsOverrideSettingsAlreadyOnTheBuilder() {
    ExecutionInterceptor marker = new ExecutionInterceptor() {};
    IamClientBuilder b = IamClient.builder()
        .overrideConfiguration(c -> c.addExecutionInterceptor(marker));
    try (IamClient iam = factory.configure(b).build()) {
      List<ExecutionInterceptor> interceptors =
          iam.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
      assertThat(interceptors).contains(marker);
      assertThat(iam.serviceClientConfiguration().overrideConfiguration().retryStrategy())
          .isPresent();
    }
  }

  @Test
  void callsAreBoundedInTimeUnlessTheBuilderSaysOtherwise() {
    try (IamClient iam = factory.iam()) {
      var o = iam.serviceClientConfiguration().overrideConfiguration();
      assertThat(o.apiCallAttemptTimeout()).contains(AwsClientFactory.ATTEMPT_TIMEOUT);
      assertThat(o.apiCallTimeout()).contains(AwsClientFactory.CALL_TIMEOUT);
    }
    IamClientBuilder own = IamClient.builder()
        .overrideConfiguration(c -> c.apiCallTimeout(java.time.Duration.ofMinutes(5)));
    try (IamClient iam = factory.configure(own).build()) {
      assertThat(iam.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
          .contains(java.time.Duration.ofMinutes(5));
    }
  }

  @Test
  void withoutEndpointTheSdkDefaultsApply() {
    AwsClientFactory plain = factory.toBuilder().endpoint(null).build();
    assertThat(plain.endpoint()).isEmpty();
    try (StsClient sts = plain.sts()) {
      assertThat(sts.serviceClientConfiguration().endpointOverride()).isEmpty();
    }
  }

  @Test
  void rejectsMissingRegionAndNonsenseAttempts() {
    assertThatThrownBy(() -> factory.toBuilder().region(null).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> factory.toBuilder().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static IamException iamError(int status, String code) {
    return (IamException) IamException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("Iam").build())
        .build();
  }

  @Test
  void throttlingIsRetriedWithBackoffUpToTheBound() {
    RetryStrategy strategy = factory.retryStrategy();
    RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("iam"))
        .token();
    IamException throttled = iamError(400, "Throttling");
    int retries = 0;
    try {
      while (true) {
        token = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder()
            .token(token).failure(throttled).build()).token();
        retries++;
        assertThat(retries).as("retries must be bounded").isLessThan(5);
      }
    } catch (TokenAcquisitionFailedException expected) {
      // bound reached
    }
    assertThat(retries).isEqualTo(4); // maxAttempts 5 = first call + 4 retries
  }

  @Test
  void noSuchEntityIsNotRetriedByTheSdkSoAbsenceIsAnsweredAtOnce() {
    RetryStrategy strategy = factory.retryStrategy();
    RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("iam"))
        .token();
    NoSuchEntityException absent = (NoSuchEntityException) NoSuchEntityException.builder()
        .statusCode(404)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchEntity").build()).build();
    assertThatThrownBy(() -> strategy.refreshRetryToken(RefreshRetryTokenRequest.builder()
        .token(token).failure(absent).build()))
        .isInstanceOf(TokenAcquisitionFailedException.class);
  }

  @Test
  void forTargetMapsEndpointRegionStaticCredentialsAndObservers() {
    io.iamkit.api.AwsTarget target = io.iamkit.api.AwsTarget.builder()
        .region("eu-central-1").endpointOverride("http://127.0.0.1:5998")
        .credentials(io.iamkit.api.AwsCredentials.of("AKIDTEST", io.iamkit.api.Secret.of("s3cr3t")))
        .observer((service, operation, request) -> { })
        .build();
    AwsClientFactory f = AwsClientFactory.forTarget(target);
    assertThat(f.endpoint()).contains(URI.create("http://127.0.0.1:5998"));
    assertThat(f.region()).isEqualTo(Region.EU_CENTRAL_1);
    assertThat(f.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDTEST");
    assertThat(f.credentials().resolveCredentials().secretAccessKey()).isEqualTo("s3cr3t");
    try (IamClient iam = f.iam()) {
      assertThat(iam.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
          .filteredOn(i -> i.getClass().getSimpleName().equals("ObservingInterceptor")).hasSize(1);
    }
    try (IamClient iam = AwsClientFactory.forTarget(target.toBuilder().build()
        .withObserver((s1, o, r) -> { })).iam()) {
      assertThat(iam.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
          .filteredOn(i -> i.getClass().getSimpleName().equals("ObservingInterceptor")).hasSize(1);
    }
  }

  @Test
  void forTargetMapsSessionProfileAndDefaultChain() {
    var session = AwsClientFactory.credentialsProvider(io.iamkit.api.AwsCredentials.of("AKID",
        io.iamkit.api.Secret.of("sec"), io.iamkit.api.Secret.of("tok"))).resolveCredentials();
    assertThat(session).isInstanceOf(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.class);
    assertThat(((software.amazon.awssdk.auth.credentials.AwsSessionCredentials) session).sessionToken())
        .isEqualTo("tok");
    assertThat(AwsClientFactory.credentialsProvider(io.iamkit.api.AwsCredentials.profile("ci")))
        .isInstanceOf(software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.class);
    assertThat(AwsClientFactory.credentialsProvider(io.iamkit.api.AwsCredentials.defaultChain()))
        .isInstanceOf(software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.class);
    AwsClientFactory noObservers = AwsClientFactory.forTarget(io.iamkit.api.AwsTarget.builder()
        .region("us-east-1").credentials(io.iamkit.api.AwsCredentials.defaultChain()).build());
    assertThat(noObservers.endpoint()).isEmpty();
    try (IamClient iam = noObservers.iam()) {
      assertThat(iam.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
          .filteredOn(i -> i.getClass().getSimpleName().equals("ObservingInterceptor")).isEmpty();
    }
  }
}
