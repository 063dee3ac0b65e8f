package io.iamkit.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code moto_server} executable: an explicit command ({@code iamkit.moto.command}),
 * else {@code moto_server} on {@code PATH}, else the project venv {@code .venv/bin/moto_server} at
 * the repository root, else it runs the project's {@code scripts/install-moto.sh} to create that
 * venv. Every step that was tried is recorded for the error message.
 *
 * <p>Public so that other tools that start moto themselves (the CLI's {@code iamkit local start},
 * which runs it as a background process that outlives the JVM) find and install it the same way.
 */
public final class MotoInstallation {

  private static final Logger LOG = LoggerFactory.getLogger(MotoInstallation.class);
  static final String EXECUTABLE = "moto_server";
  private static final long INSTALL_TIMEOUT_MINUTES = 10;

  private final List<String> tried = new ArrayList<>();
  private final Path installLogDir;

  /** Install logs go to the testkit's emulator log directory ({@code target/emulator-logs}). */
  public MotoInstallation() {
    this(null);
  }

  /** Install logs go to {@code installLogDir}. */
  public MotoInstallation(Path installLogDir) {
    this.installLogDir = installLogDir;
  }

  /** What was looked at, in order, with the outcome of each. */
  public List<String> tried() {
    return List.copyOf(tried);
  }

  /**
   * The {@code moto_server} executable, looked up as the class comment says; with
   * {@code installIfMissing}, the project's install script runs when none is found. Empty when
   * there is none: {@link #tried()} then says why.
   */
  public Optional<Path> locate(boolean installIfMissing) {
    Optional<String> explicit = Settings.get(Settings.MOTO_COMMAND, Settings.MOTO_COMMAND_ENV);
    if (explicit.isPresent()) {
      Path p = Path.of(explicit.get());
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
      tried.add(Settings.MOTO_COMMAND + "=" + explicit.get() + ": not an executable file");
      return Optional.empty();
    }
    Optional<Path> onPath = onPath(System.getenv("PATH"));
    if (onPath.isPresent()) {
      return onPath;
    }
    tried.add(EXECUTABLE + " on PATH: not found");
    Optional<Path> root = Settings.repoRoot();
    if (root.isEmpty()) {
      tried.add("project venv: no repository root found above " + Path.of("").toAbsolutePath()
          + " (looked for scripts/install-moto.sh; set -D" + Settings.REPO_ROOT + ")");
      return Optional.empty();
    }
    Path venvMoto = venvExecutable(root.get());
    if (Files.isExecutable(venvMoto)) {
      return Optional.of(venvMoto);
    }
    tried.add(venvMoto + ": not found");
    if (!installIfMissing) {
      return Optional.empty();
    }
    return install(root.get());
  }

  static Path venvExecutable(Path repoRoot) {
    return repoRoot.resolve(".venv").resolve("bin").resolve(EXECUTABLE);
  }

  static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, EXECUTABLE);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(behindShim(candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * A pyenv shim ({@code <root>/shims/moto_server}) runs several shell processes before Python
   * starts, which costs up to a second on a busy machine. When exactly one pyenv version has
   * moto_server, that executable is what the shim would run, so it is used directly; otherwise
   * the shim decides.
   */
  static Path behindShim(Path candidate) {
    Path dir = candidate.getParent();
    if (dir == null || dir.getFileName() == null || !dir.getFileName().toString().equals("shims")
        || dir.getParent() == null) {
      return candidate;
    }
    Path versions = dir.getParent().resolve("versions");
    if (!Files.isDirectory(versions)) {
      return candidate;
    }
    try (java.util.stream.Stream<Path> s = Files.list(versions)) {
      List<Path> real = s.map(v -> v.resolve("bin").resolve(EXECUTABLE))
          .filter(Files::isExecutable).toList();
      if (real.size() == 1) {
        LOG.debug("using {} behind pyenv shim {}", real.get(0), candidate);
        return real.get(0);
      }
    } catch (IOException e) {
      LOG.debug("could not look behind shim {}", candidate, e);
    }
    return candidate;
  }

  private Optional<Path> install(Path root) {
    Path script = root.resolve("scripts").resolve("install-moto.sh");
    Path log = (installLogDir == null ? Settings.logDir() : installLogDir).resolve("install-moto.log");
    LOG.info("moto_server not found; installing it into {} with {} (log: {})",
        root.resolve(".venv"), script, log);
    try {
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder("bash", script.toString())
          .directory(root.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        tried.add(script + ": timed out after " + INSTALL_TIMEOUT_MINUTES + " min (log: " + log
            + ")");
        return Optional.empty();
      }
      if (p.exitValue() != 0) {
        tried.add(script + ": exit code " + p.exitValue() + " (log: " + log + ")");
        return Optional.empty();
      }
    } catch (IOException e) {
      tried.add(script + ": could not run: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tried.add(script + ": interrupted");
      return Optional.empty();
    }
    Path venvMoto = venvExecutable(root);
    if (Files.isExecutable(venvMoto)) {
      return Optional.of(venvMoto);
    }
    tried.add(script + ": finished but " + venvMoto + " is missing (log: " + log + ")");
    return Optional.empty();
  }
}
