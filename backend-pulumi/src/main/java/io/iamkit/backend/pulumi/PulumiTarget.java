package io.iamkit.backend.pulumi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Pulumi program deploys to: a region, optionally an emulator endpoint that overrides the
 * IAM, STS and Secrets Manager endpoints, and optionally static credentials (otherwise the AWS
 * provider's default credential chain applies) or a named profile. Made from the SPI's
 * {@code AwsTarget} by {@link AwsAccess#pulumiTarget}.
 */
record PulumiTarget(String region, Optional<URI> endpoint, Optional<StaticCredentials> credentials,
    Optional<String> profile) {

  PulumiTarget {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(profile, "profile");
    if (credentials.isPresent() && profile.isPresent()) {
      throw new IllegalArgumentException("static credentials and a profile exclude each other");
    }
    if (region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
  }

  /** Real AWS in the given region with the default credential chain. */
  static PulumiTarget aws(String region) {
    return new PulumiTarget(region, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** An emulator (moto, LocalStack, ...) reachable at the given endpoint. */
  static PulumiTarget emulator(String region, URI endpoint, StaticCredentials credentials) {
    return new PulumiTarget(region, Optional.of(endpoint), Optional.of(credentials), Optional.empty());
  }

  boolean isEmulator() {
    return endpoint.isPresent();
  }

  /** Static credentials. {@link #toString()} never shows the secret key or the session token. */
  record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    StaticCredentials {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
    }

    static StaticCredentials of(String accessKeyId, String secretAccessKey) {
      return new StaticCredentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
          + (sessionToken.isPresent() ? ", sessionToken=****" : "") + "]";
    }
  }
}
