package io.iamkit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** What the AWS SDK's standard chains find on this machine. Tests replace it. */
interface AwsDefaults {

  /**
   * Where the standard credentials chain finds credentials, in words (e.g. {@code environment
   * variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY}), or empty when it finds none. With
   * {@code localSourcesOnly} only system properties, environment variables and the shared profile
   * files are asked (instant); otherwise the whole chain,
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
        // Each local source is asked on its own so the answer can name it: the SDK's providerName()
        // is a user-agent metric code ("g" for environment variables), not something to show a person.
        for (Map.Entry<String, AwsCredentialsProvider> source : localSources().entrySet()) {
          if (answers(source.getValue())) {
            return Optional.of(source.getKey());
          }
        }
        if (localSourcesOnly) {
          return Optional.empty();
        }
        return answers(DefaultCredentialsProvider.builder().build())
            ? Optional.of("the default credentials chain: web identity, SSO, process, container or instance role")
            : Optional.empty();
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

  /** The sources that need no network, in the standard chain's order, by what a person calls them. */
  private static Map<String, AwsCredentialsProvider> localSources() {
    Map<String, AwsCredentialsProvider> sources = new LinkedHashMap<>();
    sources.put("system properties aws.accessKeyId/aws.secretAccessKey", SystemPropertyCredentialsProvider.create());
    sources.put("environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
        EnvironmentVariableCredentialsProvider.create());
    sources.put("profile " + ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default")
        + " of the shared AWS config files", ProfileCredentialsProvider.create());
    return sources;
  }

  /** Whether the provider finds credentials. Never returns or logs the credentials themselves. */
  private static boolean answers(AwsCredentialsProvider provider) {
    try {
      provider.resolveCredentials();
      return true;
    } catch (SdkException | IllegalStateException e) {
      return false;
    } finally {
      if (provider instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // nothing held that matters
        }
      }
    }
  }
}
