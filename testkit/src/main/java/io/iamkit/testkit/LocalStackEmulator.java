package io.iamkit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.regions.Region;

/**
 * LocalStack in a container started through Testcontainers, with the services iam, sts,
 * secretsmanager and cloudformation. The image defaults to {@value Settings#DEFAULT_LOCALSTACK_IMAGE}
 * (the last release that starts without an auth token) and is overridden by
 * {@code -Diamkit.localstack.image} or {@code IAMKIT_LOCALSTACK_IMAGE}; {@code LOCALSTACK_AUTH_TOKEN}
 * is passed into the container when set, so newer images work for licensed users.
 */
final class LocalStackEmulator extends BaseEmulator {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackEmulator.class);
  static final String AUTH_TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";
  static final String[] SERVICES = {"iam", "sts", "secretsmanager", "cloudformation"};

  private final LocalStackContainer container;
  private final String image;

  private LocalStackEmulator(LocalStackContainer container, String image, Duration startup) {
    super(EmulatorKind.LOCALSTACK, container.getEndpoint(), Region.of(container.getRegion()),
        startup);
    this.container = container;
    this.image = image;
  }

  /** Whether Testcontainers finds a Docker engine that answers; never throws. */
  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      LOG.debug("Docker probe failed", t);
      return false;
    }
  }

  static LocalStackEmulator start() {
    String image = Settings.localStackImage();
    long t0 = System.nanoTime();
    LocalStackContainer container = new LocalStackContainer(
        DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
        .withServices(SERVICES);
    String token = System.getenv(AUTH_TOKEN_ENV);
    if (token != null && !token.isBlank()) {
      container.withEnv(AUTH_TOKEN_ENV, token);
    }
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new EmulatorUnavailableException("LocalStack (" + image + ") did not start: "
          + e.getMessage() + (token == null
              ? " (images newer than " + Settings.DEFAULT_LOCALSTACK_IMAGE + " need "
                  + AUTH_TOKEN_ENV + ")"
              : ""), e);
    }
    LocalStackEmulator emulator =
        new LocalStackEmulator(container, image, Duration.ZERO);
    emulator.iam().getPolicy(r -> r.policyArn(MotoServerEmulator.PROBE_POLICY_ARN));
    emulator.startedIn(Duration.ofNanos(System.nanoTime() - t0));
    LOG.info("LocalStack {} ready at {} in {} ms", image, emulator.endpoint(),
        emulator.startupTime().toMillis());
    return emulator;
  }

  String image() {
    return image;
  }

  @Override
  void stop() {
    Path log = Settings.logDir().resolve("localstack-" + container.getContainerId() + ".log");
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, container.getLogs(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not save LocalStack logs", e);
    }
    container.stop();
    LOG.info("LocalStack stopped; log {}", log);
  }
}
