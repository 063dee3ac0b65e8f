package io.iamkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may use from its surroundings: where results (out) and everything else (err) go,
 * the environment variables, the working directory, how to look for AWS credentials, and whether
 * err is a terminal. Tests give their own.
 *
 * @param out         results (the table or the JSON document)
 * @param err         progress, messages and logs
 * @param env         environment variables
 * @param workDir     the working directory (relative paths, the default state directory)
 * @param aws         looks for credentials and a region in the AWS SDK's standard chains
 * @param terminal    true when err is an interactive terminal (a live progress display then)
 */
record CliContext(
    PrintWriter out, PrintWriter err, Map<String, String> env, Path workDir, AwsDefaults aws,
    boolean terminal) {

  /** Environment variable: where {@code local start} keeps its state; {@code .iamkit} in the working directory by default. */
  static final String STATE_DIR_ENV = "IAMKIT_STATE_DIR";
  /** Environment variable: the backend used when {@code --backend} is not given. */
  static final String BACKEND_ENV = "IAMKIT_BACKEND";

  CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(aws, "aws");
  }

  Optional<String> env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /**
   * A path as the user meant it: relative to the working directory. When that is the process's own
   * working directory the path stays as typed, so messages name files the way the user wrote them.
   */
  Path resolve(Path path) {
    if (path.isAbsolute() || workDir.equals(Path.of("").toAbsolutePath())) {
      return path;
    }
    return workDir.resolve(path);
  }

  /** Where {@code local start} records the emulator it started. */
  Path stateDir() {
    return env(STATE_DIR_ENV).map(Path::of).map(this::resolve).orElse(workDir.resolve(".iamkit"));
  }
}
