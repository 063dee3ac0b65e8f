package io.iamkit.backend.pulumi;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.Secret;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.live.AccessKey;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUser;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The two views of one {@link AwsTarget} the backend needs: the AWS SDK clients that read and clean
 * up IAM directly, and the {@link PulumiTarget} the Pulumi AWS provider is configured with; plus
 * the conversion of the live module's user state into the api's {@code LiveUser} that
 * {@code StateDiff} compares.
 *
 * <p>Stop-gap: the shared AwsTarget-to-SDK mapping and the unified live state type are being added
 * to the live module; this class goes away when they land.
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

  /** SDK clients for the target: same region, endpoint override and credentials as the program. */
  static AwsClientFactory clientFactory(AwsTarget target, Map<String, String> environment) {
    AwsClientFactory.Builder builder = AwsClientFactory.builder()
        .region(Region.of(region(target, environment)))
        .credentials(credentialsProvider(target.credentials()));
    target.endpointOverride().forEach(builder::endpoint);
    return builder.build();
  }

  static AwsCredentialsProvider credentialsProvider(AwsCredentials credentials) {
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

  /** The live module's reading as the api's state type. */
  static io.iamkit.api.state.LiveUser toApi(LiveUser live) {
    io.iamkit.api.state.LiveUser.Builder b = io.iamkit.api.state.LiveUser.builder(live.userName())
        .userId(live.userId())
        .arn(live.arn())
        .path(live.path());
    live.permissionsBoundaryArn().ifPresent(b::permissionsBoundary);
    live.tags().forEach(b::tag);
    live.managedPolicyArns().forEach(b::managedPolicyArn);
    live.inlinePolicies().forEach((name, policy) -> b.inlinePolicy(name, policy.document()));
    for (AccessKey key : live.accessKeys()) {
      b.accessKey(new LiveAccessKey(key.accessKeyId(),
          key.active() ? LiveAccessKey.Status.Active : LiveAccessKey.Status.Inactive, key.createDate()));
    }
    return b.build();
  }
}
