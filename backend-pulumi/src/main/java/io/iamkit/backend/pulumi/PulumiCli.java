package io.iamkit.backend.pulumi;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the {@code pulumi} executable the Automation API will run: the first one on PATH. */
final class PulumiCli {
  private PulumiCli() {}

  /** Executable names the Automation API may run, by platform. */
  private static List<String> executableNames(String osName) {
    return osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows")
        ? List.of("pulumi.exe", "pulumi.cmd", "pulumi")
        : List.of("pulumi");
  }

  /** The {@code pulumi} executable on the PATH found in {@code environment}, if any. */
  static Optional<Path> locate(Map<String, String> environment, String osName) {
    String path = environment.getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      for (String name : executableNames(osName)) {
        try {
          Path candidate = Path.of(directory, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return Optional.of(candidate);
          }
        } catch (InvalidPathException ignored) {
          // a malformed PATH entry holds no executable
        }
      }
    }
    return Optional.empty();
  }

  static Optional<Path> locate() {
    return locate(System.getenv(), System.getProperty("os.name", ""));
  }
}
