package io.iamkit.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or finds an {@link AwsEmulator}.
 *
 * <p>Which one: the system property {@code iamkit.emulator} or the environment variable
 * {@code IAMKIT_EMULATOR} ({@code moto}, {@code localstack}, {@code external},
 * {@code localstack-process}) picks one
 * explicitly, and a failure of that one is an error. Unset or {@code auto}, the first that is
 * available wins: an external endpoint ({@code IAMKIT_EMULATOR_ENDPOINT} /
 * {@code -Diamkit.emulator.endpoint}), else LocalStack when a Docker engine answers, else a
 * {@code moto_server} process (installed into the project's {@code .venv/} by
 * {@code scripts/install-moto.sh} when it is not on {@code PATH}). If none works the error lists
 * every attempt and how to provide an emulator; tests are never skipped for want of one.
 */
public final class AwsEmulators {

  private static final Logger LOG = LoggerFactory.getLogger(AwsEmulators.class);

  private static AwsEmulator shared;

  private AwsEmulators() {}

  /**
   * The emulator shared by every test in this JVM: chosen by {@link #start()} on first use and
   * stopped when the JVM exits. Its {@code close()} does nothing, so one test cannot stop it for
   * the others; isolate tests by unique names ({@link UniqueNames}).
   */
  public static synchronized AwsEmulator shared() {
    if (shared == null) {
      AwsEmulator emulator = start();
      Runtime.getRuntime().addShutdownHook(
          new Thread(emulator::close, "iamkit-shared-emulator-shutdown"));
      shared = new SharedEmulator(emulator);
      recordStartup(emulator);
    }
    return shared;
  }

  /** Name of the file in the emulator log directory that lists each shared emulator's start-up. */
  public static final String STARTUPS_FILE = "shared-emulators.tsv";

  /**
   * Appends {@code kind, endpoint, start-up in ms} to {@value #STARTUPS_FILE}, so a build can report
   * which emulator each test JVM used and how long it took to start. Best effort: a failure to write
   * is logged, never fatal.
   */
  private static void recordStartup(AwsEmulator emulator) {
    Path file = Settings.logDir().resolve(STARTUPS_FILE);
    String line = emulator.kind().id() + "\t" + emulator.endpoint() + "\t"
        + emulator.startupTime().toMillis() + "\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot record the emulator start-up in {}: {}", file, e.toString());
    }
  }

  /** A new emulator chosen as described in the class comment. The caller closes it. */
  public static AwsEmulator start() {
    Optional<String> choice = Settings.get(Settings.EMULATOR, Settings.EMULATOR_ENV);
    if (choice.isPresent() && !choice.get().equalsIgnoreCase("auto")) {
      EmulatorKind kind;
      try {
        kind = EmulatorKind.parse(choice.get());
      } catch (IllegalArgumentException e) {
        throw new EmulatorUnavailableException(Settings.EMULATOR + "/" + Settings.EMULATOR_ENV
            + ": " + e.getMessage());
      }
      return start(kind);
    }
    return startFirstAvailable();
  }

  /** A new emulator of this kind, or an error that says why there is none. The caller closes it. */
  public static AwsEmulator start(EmulatorKind kind) {
    return switch (kind) {
      case EXTERNAL -> ExternalEmulator.connect();
      case LOCALSTACK_PROCESS -> LocalStackProcessEmulator.start();
      case LOCALSTACK -> {
        if (!dockerAvailable()) {
          throw new EmulatorUnavailableException("LocalStack needs a Docker engine and none "
              + "answered (Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties and "
              + "/var/run/docker.sock). Start Docker, or choose -D" + Settings.EMULATOR
              + "=moto or =external.");
        }
        yield LocalStackEmulator.start();
      }
      case MOTO -> {
        MotoInstallation installation = new MotoInstallation();
        Optional<Path> exe = installation.locate(true);
        if (exe.isEmpty()) {
          throw new EmulatorUnavailableException("moto_server is not available. Tried:\n"
              + bullets(installation.tried()) + "\n" + HOW_TO);
        }
        yield MotoServerEmulator.start(exe.get());
      }
    };
  }

  /** Whether a Docker engine answers, so that LocalStack can run. Never throws. */
  public static boolean dockerAvailable() {
    try {
      return LocalStackEmulator.dockerAvailable();
    } catch (LinkageError e) {
      return false;
    }
  }

  private static final String HOW_TO = "To get an emulator: install moto (pip install "
      + "'moto[server]==5.2.1', or run scripts/install-moto.sh, which needs python3 with venv), "
      + "or start Docker for LocalStack, or point " + Settings.ENDPOINT_ENV
      + " at a running emulator (for example http://127.0.0.1:4566).";

  private static AwsEmulator startFirstAvailable() {
    List<String> tried = new ArrayList<>();
    if (ExternalEmulator.configuredEndpoint().isPresent()) {
      return ExternalEmulator.connect();
    }
    tried.add("external: " + Settings.ENDPOINT_ENV + " / -D" + Settings.ENDPOINT + " not set");
    if (dockerAvailable()) {
      try {
        return LocalStackEmulator.start();
      } catch (RuntimeException e) {
        LOG.warn("LocalStack did not start, trying moto next: {}", e.getMessage());
        tried.add("localstack: " + e.getMessage());
      }
    } else {
      tried.add("localstack: no Docker engine answered");
    }
    MotoInstallation installation = new MotoInstallation();
    Optional<Path> exe = installation.locate(true);
    if (exe.isPresent()) {
      return MotoServerEmulator.start(exe.get());
    }
    installation.tried().forEach(t -> tried.add("moto: " + t));
    throw new EmulatorUnavailableException(
        "No AWS emulator available. Tried, in order:\n" + bullets(tried) + "\n" + HOW_TO);
  }

  private static String bullets(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append("  - ").append(l).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /** The shared emulator: delegates everything, ignores close(). */
  private static final class SharedEmulator implements AwsEmulator {
    private final AwsEmulator delegate;

    SharedEmulator(AwsEmulator delegate) {
      this.delegate = delegate;
    }

    @Override
    public EmulatorKind kind() {
      return delegate.kind();
    }

    @Override
    public java.net.URI endpoint() {
      return delegate.endpoint();
    }

    @Override
    public software.amazon.awssdk.regions.Region region() {
      return delegate.region();
    }

    @Override
    public software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials() {
      return delegate.credentials();
    }

    @Override
    public io.iamkit.live.AwsClientFactory clientFactory() {
      return delegate.clientFactory();
    }

    @Override
    public Duration startupTime() {
      return delegate.startupTime();
    }

    @Override
    public software.amazon.awssdk.services.iam.IamClient iam() {
      return delegate.iam();
    }

    @Override
    public software.amazon.awssdk.services.sts.StsClient sts() {
      return delegate.sts();
    }

    @Override
    public software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManager() {
      return delegate.secretsManager();
    }

    @Override
    public software.amazon.awssdk.services.cloudformation.CloudFormationClient cloudFormation() {
      return delegate.cloudFormation();
    }

    @Override
    public void close() {
      LOG.debug("close() on the shared emulator ignored; it stops when the JVM exits");
    }

    @Override
    public String toString() {
      return "shared " + delegate;
    }
  }
}
