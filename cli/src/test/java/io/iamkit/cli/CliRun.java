package io.iamkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Runs the CLI in-process with its own environment and captures stdout, stderr and the exit code. */
final class CliRun {
  private final Map<String, String> env = new HashMap<>();
  private Path workDir = Path.of("").toAbsolutePath();
  private Optional<String> credentials = Optional.empty();
  private Optional<String> region = Optional.empty();
  private boolean terminal;

  static CliRun cli() {
    return new CliRun();
  }

  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRun workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** The standard credentials chain finds credentials from this source (none by default). */
  CliRun credentialsFrom(String source) {
    this.credentials = Optional.of(source);
    return this;
  }

  CliRun sdkRegion(String region) {
    this.region = Optional.of(region);
    return this;
  }

  CliRun terminal() {
    this.terminal = true;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AwsDefaults aws = new AwsDefaults() {
      @Override
      public Optional<String> credentialsSource(boolean localSourcesOnly) {
        return credentials;
      }

      @Override
      public Optional<String> region() {
        return region;
      }
    };
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), Map.copyOf(env), workDir,
        aws, terminal);
    int code;
    try {
      code = new Cli(ctx).run(args);
    } finally {
      // the run pointed logging at its own err; the rest of the test JVM logs warnings to System.err again
      Logging.configure(0, new PrintWriter(System.err, true));
    }
    return new Result(code, out.toString(), err.toString());
  }

  /** What a run printed and returned. */
  record Result(int code, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not one JSON document:\n" + out + "\nstderr:\n" + err, e);
      }
    }

    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
