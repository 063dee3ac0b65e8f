package io.iamkit.cli;

import io.iamkit.live.AwsClientFactory;
import io.iamkit.testkit.MotoInstallation;
import io.vavr.control.Either;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Starts and stops the background emulator of {@code iamkit local}: a {@code moto_server} process
 * (found or installed as the testkit does it, {@link MotoInstallation}) or LocalStack as a plain
 * process (the project's {@code scripts/localstack/} scripts). Either runs in its own session
 * (when {@code setsid} exists), listens on a free 127.0.0.1 port, outlives the command that
 * started it, and is recorded in the state directory ({@link LocalState}).
 */
final class LocalEmulators {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEmulators.class);

  /** The emulators {@code local start} can run. */
  enum Kind {
    moto,
    localstack
  }

  /** The region commands use against a local emulator. */
  static final String REGION = "us-east-1";
  /** The AWS managed policy that must resolve before moto counts as ready. */
  static final String PROBE_POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final Duration MOTO_READY_TIMEOUT = Duration.ofSeconds(90);
  private static final String REPO_ROOT_PROPERTY = "iamkit.repoRoot";

  private final CliContext ctx;
  private final Path stateDir;

  LocalEmulators(CliContext ctx) {
    this.ctx = ctx;
    this.stateDir = ctx.stateDir();
  }

  Path stateDir() {
    return stateDir;
  }

  /** Starts an emulator and records it; or says why it could not. */
  Either<String, LocalState> start(Kind kind) {
    try {
      Files.createDirectories(stateDir);
      Either<String, LocalState> started = kind == Kind.moto ? startMoto() : startLocalStack();
      if (started.isRight()) {
        started.get().write(stateDir);
      }
      return started;
    } catch (IOException e) {
      return Either.left("could not start " + kind + ": " + e.getMessage());
    }
  }

  /** Stops the recorded emulator and forgets it; returns what happened. */
  String stop(LocalState state) throws IOException {
    Optional<ProcessHandle> process = state.process();
    String what = state.emulator() + " (pid " + state.pid() + ") at " + state.endpoint();
    String result;
    if (process.isPresent()) {
      Duration grace = state.emulator().equals(Kind.localstack.name()) ? Duration.ofSeconds(20) : Duration.ofSeconds(10);
      kill(process.get(), grace);
      result = what + " stopped";
    } else {
      result = what + " was no longer running";
    }
    LocalState.delete(stateDir);
    if (state.emulator().equals(Kind.localstack.name())) {
      Path runDir = Path.of(state.log()).getParent();
      if (runDir != null) {
        Files.deleteIfExists(runDir.resolve("localstack.pid"));
        deleteTree(runDir.resolve("fs"));
      }
    }
    return result + "; log kept in " + state.log();
  }

  // ---- moto

  private Either<String, LocalState> startMoto() throws IOException {
    Optional<Path> exe = new MotoInstallation(stateDir).locate(false);
    if (exe.isEmpty()) {
      ctx.err().println("iamkit: moto_server not found; installing it into .venv/ with scripts/install-moto.sh"
          + " (once; about 1.5 minutes; log in " + stateDir.resolve("install-moto.log") + ")");
      ctx.err().flush();
      MotoInstallation installer = new MotoInstallation(stateDir);
      exe = installer.locate(true);
      if (exe.isEmpty()) {
        return Either.left("moto_server is not available. Tried:\n  - " + String.join("\n  - ", installer.tried())
            + "\nInstall it with scripts/install-moto.sh (needs python3 with its venv module), or"
            + " pip install 'moto[server]==5.2.1', or set IAMKIT_MOTO_COMMAND to its path.");
      }
    }
    int port = freeLoopbackPort();
    Path log = stateDir.resolve("moto-" + port + ".log");
    List<String> command = new ArrayList<>();
    setsid().ifPresent(s -> command.add(s.toString()));
    command.addAll(List.of(exe.get().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
    LOG.debug("starting {}", command);
    Process process = pb.start();
    String endpoint = "http://127.0.0.1:" + port;
    Optional<String> failure = awaitMoto(process, URI.create(endpoint));
    if (failure.isPresent()) {
      kill(process.toHandle(), Duration.ofSeconds(5));
      return Either.left("moto_server (" + exe.get() + ") did not start: " + failure.get() + tail(log));
    }
    LOG.info("moto_server ready at {} (pid {}, log {})", endpoint, process.pid(), log);
    return Either.right(new LocalState(Kind.moto.name(), endpoint, REGION, process.pid(),
        LocalState.commandOf(process.toHandle()), port, log.toString()));
  }

  /** Waits until IAM answers and resolves an AWS managed policy; empty when ready, else why not. */
  private static Optional<String> awaitMoto(Process process, URI endpoint) {
    AwsClientFactory clients = AwsClientFactory.builder()
        .endpoint(endpoint)
        .region(Region.of(REGION))
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .maxAttempts(1)
        .build();
    long deadline = System.nanoTime() + MOTO_READY_TIMEOUT.toNanos();
    String last = "no answer";
    try (IamClient iam = clients.iam()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          return Optional.of("the process exited with code " + process.exitValue());
        }
        try {
          iam.getPolicy(r -> r.policyArn(PROBE_POLICY_ARN));
          return Optional.empty();
        } catch (SdkException e) {
          last = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (!sleep(Duration.ofMillis(100))) {
          return Optional.of("interrupted");
        }
      }
    }
    return Optional.of("not ready within " + MOTO_READY_TIMEOUT.toSeconds() + " s (last answer: " + last + ")");
  }

  // ---- LocalStack

  private Either<String, LocalState> startLocalStack() throws IOException {
    Optional<Path> root = repoRoot();
    if (root.isEmpty()) {
      return Either.left("LocalStack is run by the project's scripts/localstack/*.sh and they were not found"
          + " above " + ctx.workDir() + "; run iamkit from the repository (bin/iamkit sets -D" + REPO_ROOT_PROPERTY + ")");
    }
    Path scripts = root.get().resolve("scripts").resolve("localstack");
    if (!Files.isExecutable(root.get().resolve(".venv-localstack").resolve("bin").resolve("python"))
        && ctx.env("LOCALSTACK_VENV").isEmpty()) {
      ctx.err().println("iamkit: installing LocalStack 4.14.0 into .venv-localstack/ with scripts/localstack/install.sh"
          + " (once; about 4 minutes and 0.5 GB; needs Python >= 3.12)");
      ctx.err().flush();
    }
    Script install = Script.run(List.of("bash", scripts.resolve("install.sh").toString()), Map.of(), root.get(), ctx, true);
    if (install.exitCode() != 0) {
      return Either.left("LocalStack cannot be installed here (scripts/localstack/install.sh exit code "
          + install.exitCode() + ")" + install.errorTail());
    }
    int port = freeLoopbackPort();
    Path runDir = stateDir.resolve("localstack-" + port);
    Script start = Script.run(List.of("bash", scripts.resolve("start.sh").toString(), Integer.toString(port)),
        Map.of("LOCALSTACK_RUN_DIR", runDir.toString()), root.get(), ctx, false);
    if (start.exitCode() != 0) {
      return Either.left("LocalStack did not start (scripts/localstack/start.sh exit code " + start.exitCode() + ")"
          + start.errorTail());
    }
    String endpoint = start.lastLine();
    long pid = Long.parseLong(Files.readString(runDir.resolve("localstack.pid")).trim());
    String command = ProcessHandle.of(pid).map(LocalState::commandOf).orElse("");
    return Either.right(new LocalState(Kind.localstack.name(), endpoint, REGION, pid, command, port,
        runDir.resolve("localstack.log").toString()));
  }

  /** A script run to its end: stdout kept (and shown with {@code echo}), stderr shown as it comes (and kept). */
  private record Script(int exitCode, List<String> stdout, List<String> stderr) {
    static Script run(List<String> command, Map<String, String> env, Path dir, CliContext ctx, boolean echo)
        throws IOException {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      LOG.debug("running {}", command);
      Process p = pb.start();
      List<String> err = new ArrayList<>();
      Thread pump = new Thread(() -> lines(p.getErrorStream()).forEach(l -> {
        synchronized (err) {
          err.add(l);
        }
        show(ctx, l);
      }), "iamkit-script-stderr");
      pump.setDaemon(true);
      pump.start();
      List<String> out = new ArrayList<>();
      lines(p.getInputStream()).forEach(l -> {
        out.add(l);
        if (echo) {
          show(ctx, l);
        }
      });
      try {
        int code = p.waitFor();
        pump.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (err) {
          return new Script(code, out, List.copyOf(err));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroy();
        return new Script(130, out, List.of("interrupted"));
      }
    }

    private static void show(CliContext ctx, String line) {
      synchronized (ctx.err()) {
        ctx.err().println("  " + line);
        ctx.err().flush();
      }
    }

    String lastLine() {
      return stdout.isEmpty() ? "" : stdout.get(stdout.size() - 1).trim();
    }

    String errorTail() {
      List<String> all = new ArrayList<>(stdout);
      all.addAll(stderr);
      int from = Math.max(0, all.size() - 10);
      return all.isEmpty() ? "" : ":\n  " + String.join("\n  ", all.subList(from, all.size()));
    }

    private static List<String> lines(InputStream in) {
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          lines.add(l);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return lines;
    }
  }

  // ---- helpers

  /** The repository root (it holds scripts/localstack/start.sh): -Diamkit.repoRoot, else above the working directory or the jar. */
  Optional<Path> repoRoot() {
    String explicit = System.getProperty(REPO_ROOT_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit).toAbsolutePath());
    }
    Optional<Path> above = above(ctx.workDir());
    if (above.isPresent()) {
      return above;
    }
    try {
      var source = LocalEmulators.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : above(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> above(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts").resolve("localstack").resolve("start.sh"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** {@code setsid} from PATH: the emulator then gets its own session and no terminal signals. */
  private Optional<Path> setsid() {
    String path = ctx.env().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank())
        .map(d -> Path.of(d, "setsid")).filter(Files::isExecutable).findFirst();
  }

  static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Ends a process and everything it started: TERM, then KILL after {@code grace}. */
  static void kill(ProcessHandle process, Duration grace) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("pid {} still running after {}: killing it", process.pid(), grace);
    }
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - 15);
      return lines.isEmpty() ? "" : "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String describe(LocalState s) {
    return s.emulator().toLowerCase(Locale.ROOT) + " at " + s.endpoint() + " (pid " + s.pid() + ", log " + s.log() + ")";
  }
}
