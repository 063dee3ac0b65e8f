package io.iamkit.backend.pulumi;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.Secret;
import io.iamkit.live.AwsClientFactory;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Optional;

/**
 * The two views of one {@link AwsTarget} the backend needs: the AWS SDK clients that read and clean
 * up IAM directly (the live module's {@link AwsClientFactory#forTarget}), and the
 * {@link PulumiTarget} the Pulumi AWS provider is configured with. Both get the same region.
 */
final class AwsAccess {
  /** Region used when neither the target nor the environment names one (IAM itself is global). */
  static final String FALLBACK_REGION = "us-east-1";

  private AwsAccess() {}

  /** The target's region, else {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}, else us-east-1. */
  static String region(AwsTarget target, Map<String, String> environment) {
    return target.region()
        .orElse(() -> Option.of(environment.get("AWS_REGION")).filter(r -> !r.isBlank()))
        .orElse(() -> Option.of(environment.get("AWS_DEFAULT_REGION")).filter(r -> !r.isBlank()))
        .getOrElse(FALLBACK_REGION);
  }

  /**
   * SDK clients for the target through the live module's shared mapping, with the same region the
   * program gets when the target names none.
   */
  static AwsClientFactory clientFactory(AwsTarget target, Map<String, String> environment) {
    AwsTarget withRegion = target.region().isDefined() ? target
        : new AwsTarget(Option.of(region(target, environment)), target.endpointOverride(), target.credentials(),
            target.observers());
    return AwsClientFactory.forTarget(withRegion);
  }

  /** The provider configuration of the Pulumi program for the target. */
  static PulumiTarget pulumiTarget(AwsTarget target, Map<String, String> environment) {
    String region = region(target, environment);
    Optional<PulumiTarget.StaticCredentials> credentials = Optional.empty();
    Optional<String> profile = Optional.empty();
    if (target.credentials() instanceof AwsCredentials.Static s) {
      credentials = Optional.of(new PulumiTarget.StaticCredentials(s.accessKeyId(),
          s.secretAccessKey().reveal(), s.sessionToken().map(Secret::reveal).toJavaOptional()));
    } else if (target.credentials() instanceof AwsCredentials.Profile p) {
      profile = Optional.of(p.name());
    }
    return new PulumiTarget(region, target.endpointOverride().toJavaOptional(), credentials, profile);
  }

}
