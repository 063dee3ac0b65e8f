package io.iamkit.testkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per conformance test to {@code target/conformance/<backend>-<emulator>.tsv}
 * (directory overridable with {@value #DIR_PROPERTY}), so CI can print a table:
 * {@code case  backend  emulator  result  reason}, result one of {@code pass}, {@code fail},
 * {@code gap} (a declared backend/emulator gap, or not applicable) and {@code skipped} (any other
 * aborted test). The file is rewritten on its first line in each JVM.
 */
public final class ConformanceResults implements TestWatcher {

  /** System property naming the results directory. */
  public static final String DIR_PROPERTY = "iamkit.conformance.dir";

  /** Prefix of the abort message of a declared gap. */
  public static final String GAP_PREFIX = "GAP[";

  static final String HEADER = "case\tbackend\temulator\tresult\treason";

  private static final Logger LOG = LoggerFactory.getLogger(ConformanceResults.class);
  private static final Set<Path> STARTED = new HashSet<>();

  /** Where the results of this backend and emulator go. */
  public static Path file(String backend, String emulator) {
    String dir = System.getProperty(DIR_PROPERTY);
    Path base = dir == null || dir.isBlank() ? Path.of("target", "conformance") : Path.of(dir);
    return base.resolve(backend + "-" + emulator + ".tsv").toAbsolutePath();
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, "pass", "");
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    record(context, "fail", cause == null ? "" : cause.getClass().getSimpleName() + ": "
        + cause.getMessage());
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
    record(context, message.startsWith(GAP_PREFIX) ? "gap" : "skipped", message);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    record(context, "skipped", "disabled: " + reason.orElse(""));
  }

  private static void record(ExtensionContext context, String result, String reason) {
    Optional<BackendConformanceSuite> suite = context.getTestInstance()
        .filter(BackendConformanceSuite.class::isInstance).map(BackendConformanceSuite.class::cast);
    String backend = suite.map(BackendConformanceSuite::backendName).orElse("unknown");
    String emulator = suite.map(BackendConformanceSuite::emulatorName).orElse("unknown");
    String caseId = context.getTestMethod()
        .map(m -> m.getAnnotation(ConformanceCase.class))
        .map(ConformanceCase::value)
        .orElse(context.getDisplayName());
    write(file(backend, emulator), String.join("\t", caseId, backend, emulator, result,
        oneLine(reason)));
  }

  static String oneLine(String s) {
    String flat = s.replaceAll("[\\t\\r\\n]+", " ").trim();
    return flat.length() > 1200 ? flat.substring(0, 1197) + "..." : flat;
  }

  private static synchronized void write(Path file, String line) {
    try {
      Files.createDirectories(file.getParent());
      if (STARTED.add(file)) {
        Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
      }
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot write conformance results to {}: {}", file, e.toString());
      throw new UncheckedIOException(e);
    }
  }
}
