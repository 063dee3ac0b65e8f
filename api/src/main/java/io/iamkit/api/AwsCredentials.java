package io.iamkit.api;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * How a backend authenticates to AWS. The api module has no AWS SDK; each backend maps this to the
 * SDK's credentials providers.
 */
public sealed interface AwsCredentials {

  /** The SDK's standard chain (environment, system properties, profile files, container, instance). */
  static AwsCredentials defaultChain() {
    return DefaultChain.INSTANCE;
  }

  /** A static access key. */
  static AwsCredentials of(String accessKeyId, Secret secretAccessKey) {
    return new Static(accessKeyId, secretAccessKey, Option.none());
  }

  /** A static access key with a session token (temporary credentials). */
  static AwsCredentials of(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {
    return new Static(accessKeyId, secretAccessKey, Option.of(sessionToken));
  }

  /** A named profile from the shared config/credentials files. */
  static AwsCredentials profile(String name) {
    return new Profile(name);
  }

  /** The SDK's default credentials chain. */
  enum DefaultChain implements AwsCredentials {
    INSTANCE;

    @Override
    public String toString() {
      return "DefaultChain";
    }
  }

  /** A static access key id and secret (and optional session token), which never show in toString. */
  record Static(String accessKeyId, Secret secretAccessKey, Option<Secret> sessionToken)
      implements AwsCredentials {
    public Static {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      Objects.requireNonNull(sessionToken, "sessionToken");
      if (accessKeyId.isBlank()) {
        throw new IllegalArgumentException("accessKeyId must not be blank");
      }
    }
  }

  /** A named profile. */
  record Profile(String name) implements AwsCredentials {
    public Profile {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("profile name must not be blank");
      }
    }
  }
}
