package io.iamkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The local emulator that {@code iamkit local start} started, recorded in {@code <state dir>/local.json}
 * so that later invocations ({@code --local}, {@code local status}, {@code local stop}) find it.
 *
 * @param emulator     {@code moto} or {@code localstack}
 * @param endpoint     its HTTP endpoint, e.g. {@code http://127.0.0.1:40123}
 * @param region       the region commands use against it
 * @param pid          the process (for LocalStack: the process group leader)
 * @param command      that process's command line once it was ready; tells it from another process
 *                     that got the same pid later (start times are not used: a VM's clock can jump)
 * @param port         the loopback port
 * @param log          the emulator's log file
 */
record LocalState(String emulator, String endpoint, String region, long pid, String command, int port, String log) {
  static final String FILE = "local.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  LocalState {
    Objects.requireNonNull(emulator, "emulator");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(log, "log");
  }

  /** The recorded emulator, if a state file exists; a file that cannot be read is an error. */
  static Optional<LocalState> read(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not a state file written by iamkit (" + e.getOriginalMessage() + ")", e);
    }
    try {
      return Optional.of(new LocalState(n.path("emulator").asText(), n.path("endpoint").asText(),
          n.path("region").asText(), n.path("pid").asLong(), n.path("command").asText(),
          n.path("port").asInt(), n.path("log").asText()));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a state file written by iamkit", e);
    }
  }

  void write(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    Path tmp = Files.createTempFile(stateDir, FILE, ".tmp");
    Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
    Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static void delete(Path stateDir) throws IOException {
    Files.deleteIfExists(stateDir.resolve(FILE));
  }

  ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("emulator", emulator).put("endpoint", endpoint).put("region", region).put("pid", pid)
        .put("command", command).put("port", port).put("log", log);
    return n;
  }

  /**
   * The recorded process, if it still runs and is the one that was started: same command line (when
   * the OS tells it), so a pid reused by another program is never taken for the emulator.
   */
  Optional<ProcessHandle> process() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> command.isEmpty() || commandOf(p).isEmpty() || commandOf(p).equals(command));
  }

  boolean isRunning() {
    return process().isPresent();
  }

  /** The command line the OS reports for a process, or empty when it reports none. */
  static String commandOf(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }
}
