package io.iamkit.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;

/**
 * A {@code moto_server} process on a free 127.0.0.1 port, with AWS managed policies loaded
 * ({@code MOTO_IAM_LOAD_MANAGED_POLICIES=true}). Started ready: the HTTP endpoint answers and IAM
 * resolves {@value #PROBE_POLICY_ARN}. Its output goes to a log file under the module's
 * {@code target/}. Stopping kills the process tree; a JVM shutdown hook does the same if the
 * emulator is never closed.
 */
final class MotoServerEmulator extends BaseEmulator {

  private static final Logger LOG = LoggerFactory.getLogger(MotoServerEmulator.class);
  static final String PROBE_POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int PORT_ATTEMPTS = 3;

  private final Process process;
  private final Path log;
  private final Thread shutdownHook;

  private MotoServerEmulator(URI endpoint, Region region, Duration startup, Process process,
      Path log) {
    super(EmulatorKind.MOTO, endpoint, region, startup);
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(() -> kill(process), "iamkit-moto-shutdown-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The file the server's output is written to. */
  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  static MotoServerEmulator start(Path executable) {
    long t0 = System.nanoTime();
    Region region = Region.of(Settings.region());
    IOException lastIo = null;
    String lastFailure = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int port;
      try {
        port = freeLoopbackPort();
      } catch (IOException e) {
        throw new EmulatorUnavailableException("no free loopback port for moto_server", e);
      }
      Path log = Settings.logDir().resolve("moto-" + port + ".log");
      Process process;
      try {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
            Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        process = pb.start();
      } catch (IOException e) {
        lastIo = e;
        lastFailure = "could not run " + executable + ": " + e.getMessage();
        break;
      }
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      // building the client loads the SDK's classes while Python is still starting
      MotoServerEmulator emulator =
          new MotoServerEmulator(endpoint, region, Duration.ZERO, process, log);
      emulator.iam();
      String failure = awaitHttp(process, endpoint);
      long httpReady = System.nanoTime();
      if (failure == null) {
        try {
          emulator.iam().getPolicy(r -> r.policyArn(PROBE_POLICY_ARN));
        } catch (RuntimeException e) {
          emulator.close();
          throw new EmulatorUnavailableException("moto_server at " + endpoint
              + " does not resolve AWS managed policy " + PROBE_POLICY_ARN
              + " (is MOTO_IAM_LOAD_MANAGED_POLICIES honoured?): " + e.getMessage()
              + logTail(log), e);
        }
        long done = System.nanoTime();
        emulator.startedIn(Duration.ofNanos(done - t0));
        LOG.info("moto_server ready at {} in {} ms (HTTP after {} ms, managed policies loaded "
                + "{} ms later; {}, pid {}, log {})", endpoint, emulator.startupTime().toMillis(),
            (httpReady - t0) / 1_000_000, (done - httpReady) / 1_000_000, executable,
            process.pid(), log);
        return emulator;
      }
      emulator.close();
      lastFailure = failure + logTail(log);
      LOG.warn("moto_server attempt {} on port {} failed: {}", attempt, port, failure);
    }
    throw new EmulatorUnavailableException("moto_server (" + executable + ") did not start: "
        + lastFailure, lastIo);
  }

  /** Polls moto's own API until it answers 200; returns null when ready, else why not. */
  private static String awaitHttp(Process process, URI endpoint) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "process exited with code " + process.exitValue();
      }
      try {
        HttpResponse<Void> r = http.send(probe, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return null;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting";
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting";
      }
    }
    return "no answer from " + endpoint + " within " + READY_TIMEOUT.toSeconds() + " s";
  }

  static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - 15);
      return lines.isEmpty() ? "" : "\n--- last lines of " + log + " ---\n"
          + String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Kills the process and everything it started; waits until they are gone. */
  static void kill(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // JVM already shutting down: the hook runs anyway
    }
  }

  @Override
  void stop() {
    removeHook();
    kill(process);
    LOG.info("moto_server (pid {}) stopped; log {}", process.pid(), log);
  }
}
