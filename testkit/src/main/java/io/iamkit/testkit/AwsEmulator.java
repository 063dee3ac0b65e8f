package io.iamkit.testkit;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.Deployer;
import io.iamkit.api.Secret;
import io.iamkit.live.AwsClientFactory;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A local AWS emulator that answers IAM, STS, Secrets Manager and CloudFormation over HTTP, with
 * ready AWS SDK v2 clients pointed at it.
 *
 * <p>Get one from {@link AwsEmulators}: {@link AwsEmulators#shared()} for the one per JVM that
 * tests share, or {@link AwsEmulators#start(EmulatorKind)} for a private one (close it yourself).
 * Clients are created on first use and closed with the emulator.
 */
public interface AwsEmulator extends AutoCloseable {

  /** The dummy access key id and secret every emulator here accepts. */
  String ACCESS_KEY_ID = "test";

  /** See {@link #ACCESS_KEY_ID}. */
  String SECRET_ACCESS_KEY = "test";

  /** Which implementation this is. */
  EmulatorKind kind();

  /** The HTTP endpoint every service is reached at. */
  URI endpoint();

  /** The region clients use (IAM is global; the others are regional). */
  Region region();

  /** Static credentials {@code test}/{@code test}. */
  AwsCredentialsProvider credentials();

  /** Builds further clients of any AWS service against this emulator. */
  AwsClientFactory clientFactory();

  /** How long the emulator took to start and answer its first IAM call (zero if not started here). */
  Duration startupTime();

  IamClient iam();

  StsClient sts();

  SecretsManagerClient secretsManager();

  CloudFormationClient cloudFormation();

  /**
   * Where a backend deploys to reach this emulator: its endpoint, region and the static test
   * credentials.
   */
  default AwsTarget target() {
    return AwsTarget.builder()
        .endpointOverride(endpoint())
        .region(region().id())
        .credentials(AwsCredentials.of(ACCESS_KEY_ID, Secret.of(SECRET_ACCESS_KEY)))
        .build();
  }

  /** A {@link Deployer} with the named backend, bound to this emulator ({@link #target()}). */
  default Deployer deployer(String backend) {
    return Deployer.builder().backend(backend).target(target()).build();
  }

  /** Closes the clients and stops the emulator if this object started it. Idempotent. */
  @Override
  void close();
}
