package io.iamkit.testkit;

import io.iamkit.live.AwsClientFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Client handling shared by every emulator: lazily built clients, closed with the emulator. */
abstract class BaseEmulator implements AwsEmulator {

  private static final Logger LOG = LoggerFactory.getLogger(BaseEmulator.class);

  private final EmulatorKind kind;
  private final URI endpoint;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final AwsClientFactory factory;
  private volatile Duration startupTime;
  private final List<AutoCloseable> clients = new ArrayList<>();
  private IamClient iam;
  private StsClient sts;
  private SecretsManagerClient secretsManager;
  private CloudFormationClient cloudFormation;
  private boolean closed;

  BaseEmulator(EmulatorKind kind, URI endpoint, Region region, Duration startupTime) {
    this.kind = Objects.requireNonNull(kind);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.region = Objects.requireNonNull(region);
    this.startupTime = Objects.requireNonNull(startupTime);
    this.credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    this.factory = AwsClientFactory.builder()
        .endpoint(endpoint).region(region).credentials(credentials).build();
  }

  @Override
  public EmulatorKind kind() {
    return kind;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public Region region() {
    return region;
  }

  @Override
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  @Override
  public AwsClientFactory clientFactory() {
    return factory;
  }

  @Override
  public Duration startupTime() {
    return startupTime;
  }

  /** Records the measured start-up time once the emulator has proved ready. */
  void startedIn(Duration measured) {
    this.startupTime = Objects.requireNonNull(measured);
  }

  @Override
  public synchronized IamClient iam() {
    if (iam == null) {
      iam = track(factory::iam);
    }
    return iam;
  }

  @Override
  public synchronized StsClient sts() {
    if (sts == null) {
      sts = track(factory::sts);
    }
    return sts;
  }

  @Override
  public synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager = track(factory::secretsManager);
    }
    return secretsManager;
  }

  @Override
  public synchronized CloudFormationClient cloudFormation() {
    if (cloudFormation == null) {
      cloudFormation = track(() -> factory.configure(CloudFormationClient.builder()).build());
    }
    return cloudFormation;
  }

  private <C extends AutoCloseable> C track(Supplier<C> create) {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    C client = create.get();
    clients.add(client);
    return client;
  }

  @Override
  public final void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (AutoCloseable c : clients) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.debug("closing client failed", e);
        }
      }
      clients.clear();
    }
    stop();
  }

  /** Stops what this emulator started (nothing for an external one). */
  abstract void stop();

  @Override
  public String toString() {
    return kind.id() + " emulator at " + endpoint;
  }
}
