package io.iamkit.cli;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** What the AWS SDK's standard chains find on this machine. Tests replace it. */
interface AwsDefaults {

  /**
   * Where the standard credentials chain finds credentials (e.g. {@code EnvironmentVariableCredentialsProvider}),
   * or empty when it finds none. With {@code localSourcesOnly} only system properties, environment
   * variables and the shared profile files are asked (instant); otherwise the whole chain,
   * container and instance roles included (which may take a moment when there are none).
   * Never returns or logs the credentials themselves.
   */
  Optional<String> credentialsSource(boolean localSourcesOnly);

  /** The region the SDK's region chain finds (environment, profile, instance), or empty. */
  Optional<String> region();

  /** The AWS SDK's own chains. */
  static AwsDefaults sdk() {
    return new AwsDefaults() {
      @Override
      public Optional<String> credentialsSource(boolean localSourcesOnly) {
        AwsCredentialsProvider chain = localSourcesOnly
            ? AwsCredentialsProviderChain.builder()
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                    EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create())
                .reuseLastProviderEnabled(false)
                .build()
            : DefaultCredentialsProvider.builder().build();
        try {
          AwsCredentials found = chain.resolveCredentials();
          return Optional.of(found.providerName().orElse("the default credentials chain"));
        } catch (SdkException | IllegalStateException e) {
          return Optional.empty();
        } finally {
          if (chain instanceof AutoCloseable closeable) {
            try {
              closeable.close();
            } catch (Exception ignored) {
              // nothing held that matters
            }
          }
        }
      }

      @Override
      public Optional<String> region() {
        try {
          return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion().id());
        } catch (SdkException | IllegalStateException e) {
          return Optional.empty();
        }
      }
    };
  }
}
