package io.iamkit.backend.direct;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The AWS clients one target needs, built once per target and reused (SDK clients are thread-safe). */
record Clients(IamClient iam, SecretsManagerClient secrets, LiveUserReader reader) {

  /** Region used when the target names none and the SDK's own resolution finds none (IAM is global). */
  static final String FALLBACK_REGION = "us-east-1";

  static Clients forTarget(AwsTarget target, List<ExecutionInterceptor> interceptors) {
    AwsClientFactory factory = AwsClientFactory.builder()
        .endpoint(target.endpointOverride().getOrNull())
        .region(Region.of(target.region().getOrElse(Clients::defaultRegion)))
        .credentials(credentials(target.credentials()))
        .build();
    IamClient iam = factory.configure(IamClient.builder()
        .overrideConfiguration(c -> c.executionInterceptors(interceptors))).build();
    SecretsManagerClient secrets = factory.configure(SecretsManagerClient.builder()
        .overrideConfiguration(c -> c.executionInterceptors(interceptors))).build();
    return new Clients(iam, secrets, LiveUserReader.of(iam));
  }

  static AwsCredentialsProvider credentials(AwsCredentials credentials) {
    if (credentials instanceof AwsCredentials.Static s) {
      return StaticCredentialsProvider.create(s.sessionToken().isDefined()
          ? AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey().reveal(), s.sessionToken().get().reveal())
          : AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey().reveal()));
    }
    if (credentials instanceof AwsCredentials.Profile p) {
      return ProfileCredentialsProvider.create(p.name());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static String defaultRegion() {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
    } catch (RuntimeException e) {
      return FALLBACK_REGION;
    }
  }
}
