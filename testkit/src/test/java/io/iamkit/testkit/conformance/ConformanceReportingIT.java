package io.iamkit.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.iamkit.testkit.AwsEmulators;
import io.iamkit.testkit.EmulatorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/**
 * Runs suite subclasses through the JUnit engine and checks what the suite reports: declared gaps
 * as skipped with {@code GAP[...]} and a {@code gap} line each, and failures as failures with a
 * {@code fail} line, never as passes.
 */
class ConformanceReportingIT {

  /** Declares every case a gap. Nested, so the build's own test run does not pick it up. */
  static class EverythingIsAGap extends BackendConformanceSuite {
    @Override
    protected String backendName() {
      return ReferenceBackend.NAME;
    }

    @Override
    protected Map<String, String> gaps(EmulatorKind emulator) {
      Map<String, String> gaps = new HashMap<>();
      for (String m : CANONICAL_MANIFESTS) {
        gaps.put("canonical/" + m, "declared for the test");
      }
      for (int i = 1; i <= 11; i++) {
        gaps.put(String.format("C-%02d", i), "declared for the test");
      }
      return gaps;
    }
  }

  /** A backend name nobody registered: every operation fails. */
  static class MissingBackend extends BackendConformanceSuite {
    @Override
    protected String backendName() {
      return "no-such-backend";
    }
  }

  @TempDir
  Path results;

  private Events run(org.junit.platform.engine.DiscoverySelector... selectors) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
        .selectors(selectors)
        .execute()
        .testEvents();
  }

  private List<String> tsv(String backend) throws Exception {
    String emulator = AwsEmulators.shared().kind().id();
    return Files.readAllLines(results.resolve(backend + "-" + emulator + ".tsv"));
  }

  @Test
  void declaredGapsAreReportedAsSkippedWithTheReasonAndAsGapLines() throws Exception {
    String before = System.setProperty(ConformanceResults.DIR_PROPERTY, results.toString());
    try {
      Events events = run(selectClass(EverythingIsAGap.class));
      String emulator = AwsEmulators.shared().kind().id();

      assertThat(events.succeeded().count()).isZero();
      assertThat(events.failed().count()).isZero();
      assertThat(events.aborted().count()).isEqualTo(14);
      List<String> messages = events.aborted().stream()
          .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
              .getThrowable().orElseThrow())
          .peek(t -> assertThat(t).isInstanceOf(TestAbortedException.class))
          .map(Throwable::getMessage).toList();
      assertThat(messages).contains(
          "GAP[C-04 on " + emulator + "/reference-test]: declared for the test",
          "GAP[canonical/cicd-deployer on " + emulator + "/reference-test]: declared for the test");

      List<String> lines = tsv("reference-test");
      assertThat(lines.get(0)).isEqualTo(ConformanceResults.HEADER);
      assertThat(lines).hasSize(15);
      assertThat(lines.subList(1, 15)).allSatisfy(l -> assertThat(l.split("\t"))
          .hasSize(5).satisfies(cols -> {
            assertThat(cols[1]).isEqualTo("reference-test");
            assertThat(cols[2]).isEqualTo(emulator);
            assertThat(cols[3]).isEqualTo("gap");
            assertThat(cols[4]).startsWith("GAP[" + cols[0] + " on ");
          }));
    } finally {
      restore(before);
    }
  }

  @Test
  void failingCasesAreFailuresAndFailLinesNeverPasses() throws Exception {
    String before = System.setProperty(ConformanceResults.DIR_PROPERTY, results.toString());
    try {
      Events events = run(
          selectMethod(MissingBackend.class, "c01_destroyAfterOutOfBandManagedPolicyAttachment"),
          selectMethod(MissingBackend.class, "c09_cloudFormationNoOpAndExplicitChangeSetType"));

      assertThat(events.failed().count()).isEqualTo(1);
      assertThat(events.aborted().count()).as("C-09 is not applicable to this backend").isEqualTo(1);
      assertThat(events.succeeded().count()).isZero();
      Event failed = events.failed().stream().findFirst().orElseThrow();
      assertThat(failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow().getMessage())
          .contains("apply failed").contains("no-such-backend");

      List<String> lines = tsv("no-such-backend");
      assertThat(lines).hasSize(3);
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("C-01\tno-such-backend\t")
          .contains("\tfail\t").contains("no-such-backend"));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("C-09\tno-such-backend\t")
          .contains("\tgap\tGAP[C-09 on "));
      assertThat(lines).noneMatch(l -> l.contains("\tpass\t"));
    } finally {
      restore(before);
    }
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(ConformanceResults.DIR_PROPERTY);
    } else {
      System.setProperty(ConformanceResults.DIR_PROPERTY, before);
    }
  }
}
