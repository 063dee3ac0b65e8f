package io.iamkit.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * LocalStack run as a plain process, without Docker, through the project's scripts:
 * {@code scripts/localstack/install.sh} (only when its venv is missing), {@code start.sh PORT} on a
 * free loopback port (returns once IAM, STS, CloudFormation and Secrets Manager report healthy) and
 * {@code stop.sh PORT} on {@code close()} and at JVM exit. Selected only explicitly
 * ({@code iamkit.emulator=localstack-process}): it takes 10-16 s to start.
 *
 * <p>Its run directory (pid file, log, LocalStack's filesystem root) is
 * {@code target/emulator-logs/localstack-process-<port>/}; the venv is
 * {@code <repo>/.venv-localstack}, or {@code LOCALSTACK_VENV}.
 */
final class LocalStackProcessEmulator extends BaseEmulator {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackProcessEmulator.class);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path scripts;
  private final int port;
  private final Path runDir;
  private final Thread shutdownHook;

  private LocalStackProcessEmulator(URI endpoint, Region region, Duration startup, Path scripts,
      int port, Path runDir) {
    super(EmulatorKind.LOCALSTACK_PROCESS, endpoint, region, startup);
    this.scripts = scripts;
    this.port = port;
    this.runDir = runDir;
    this.shutdownHook = new Thread(this::runStop, "iamkit-localstack-process-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** LocalStack's log file. */
  Path log() {
    return runDir.resolve("localstack.log");
  }

  int port() {
    return port;
  }

  static LocalStackProcessEmulator start() {
    Path repo = Settings.repoRoot().orElseThrow(() -> new EmulatorUnavailableException(
        "LocalStack as a process needs the iamkit repository's scripts/localstack/ (set -D"
            + Settings.REPO_ROOT + "=<repository root>)"));
    Path scripts = repo.resolve("scripts").resolve("localstack");
    if (!Files.isRegularFile(scripts.resolve("start.sh"))) {
      throw new EmulatorUnavailableException("no " + scripts.resolve("start.sh"));
    }
    String venvSetting = System.getenv("LOCALSTACK_VENV");
    Path venv = venvSetting == null || venvSetting.isBlank() ? repo.resolve(".venv-localstack")
        : Path.of(venvSetting);
    if (!Files.isExecutable(venv.resolve("bin").resolve("python"))) {
      LOG.info("no LocalStack venv at {}: running {} (several minutes on a fresh machine)", venv,
          scripts.resolve("install.sh"));
      Result install = run(List.of("bash", scripts.resolve("install.sh").toString()), Map.of(),
          INSTALL_TIMEOUT);
      if (install.exit() != 0) {
        throw new EmulatorUnavailableException("scripts/localstack/install.sh failed (exit "
            + install.exit() + "):\n" + install.output());
      }
    }
    Region region = Region.of(Settings.region());
    int port;
    try {
      port = MotoServerEmulator.freeLoopbackPort();
    } catch (IOException e) {
      throw new EmulatorUnavailableException("no free loopback port: " + e.getMessage());
    }
    Path runDir = Settings.logDir().resolve("localstack-process-" + port);
    long t0 = System.nanoTime();
    Result started = run(List.of("bash", scripts.resolve("start.sh").toString(),
        Integer.toString(port)), Map.of("LOCALSTACK_RUN_DIR", runDir.toString()), START_TIMEOUT);
    Duration startup = Duration.ofNanos(System.nanoTime() - t0);
    if (started.exit() != 0) {
      run(List.of("bash", scripts.resolve("stop.sh").toString(), Integer.toString(port)),
          Map.of("LOCALSTACK_RUN_DIR", runDir.toString()), STOP_TIMEOUT);
      throw new EmulatorUnavailableException("scripts/localstack/start.sh " + port
          + " failed (exit " + started.exit() + "):\n" + started.output());
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    LOG.info("LocalStack process ready at {} in {} ms (run dir {})", endpoint, startup.toMillis(),
        runDir);
    return new LocalStackProcessEmulator(endpoint, region, startup, scripts, port, runDir);
  }

  private record Result(int exit, String output) { }

  /** Runs a script with stdout and stderr merged; a script that overruns is killed. */
  private static Result run(List<String> command, Map<String, String> env, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().remove("DOCKER_HOST");
    try {
      Path out = Files.createTempFile("iamkit-localstack-script", ".log");
      try {
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command)
              + "\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted running " + command);
    }
  }

  private void runStop() {
    Result r = run(List.of("bash", scripts.resolve("stop.sh").toString(), Integer.toString(port)),
        Map.of("LOCALSTACK_RUN_DIR", runDir.toString()), STOP_TIMEOUT);
    if (r.exit() != 0) {
      LOG.warn("scripts/localstack/stop.sh {} failed (exit {}): {}", port, r.exit(), r.output());
    }
  }

  @Override
  void stop() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // JVM already shutting down: the hook runs anyway
    }
    runStop();
    LOG.info("LocalStack process on port {} stopped; log {}", port, log());
  }
}
