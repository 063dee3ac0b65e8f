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
 * that fail as skipped with {@code GAP[...]} and a {@code gap} line each, declared gaps that pass
 * and undeclared failures as failures with a {@code fail} line, never as passes.
 */
class ConformanceReportingIT {

  /** Every case id of the suite. */
  static Map<String, String> everyCase(String reason) {
    Map<String, String> gaps = new HashMap<>();
    for (String m : BackendConformanceSuite.CANONICAL_MANIFESTS) {
      gaps.put("canonical/" + m, reason);
    }
    for (int i = 1; i <= 11; i++) {
      gaps.put(String.format("C-%02d", i), reason);
    }
    return gaps;
  }

  /**
   * A backend that does the right thing, with every case declared a gap: the declarations do not
   * hold. Nested, so the build's own test run does not pick it up.
   */
  static class EverythingIsAGap extends BackendConformanceSuite {
    @Override
    protected String backendName() {
      return ReferenceBackend.NAME;
    }

    @Override
    protected Map<String, String> gaps(EmulatorKind emulator) {
      return everyCase("declared for the test");
    }
  }

  /** A backend nobody registered, so every case fails, with every case declared a gap. */
  static class MissingBackendWithGaps extends BackendConformanceSuite {
    @Override
    protected String backendName() {
      return "no-such-backend";
    }

    @Override
    protected Map<String, String> gaps(EmulatorKind emulator) {
      return everyCase("declared for the test");
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
  void declaredGapsThatFailAreReportedAsSkippedWithReasonAndObservationAndAsGapLines()
      throws Exception {
    String before = System.setProperty(ConformanceResults.DIR_PROPERTY, results.toString());
    try {
      Events events = run(selectClass(MissingBackendWithGaps.class));
      String emulator = AwsEmulators.shared().kind().id();

      assertThat(events.succeeded().count()).isZero();
      assertThat(events.failed().count()).isZero();
      assertThat(events.aborted().count()).isEqualTo(14);
      List<String> messages = events.aborted().stream()
          .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
              .getThrowable().orElseThrow())
          .peek(t -> assertThat(t).isInstanceOf(TestAbortedException.class))
          .map(Throwable::getMessage).toList();
      assertThat(messages).anySatisfy(m -> assertThat(m)
          .startsWith("GAP[C-04 on " + emulator + "/no-such-backend]: declared for the test (observed: ")
          .contains("apply failed").contains("no-such-backend"));
      assertThat(messages).anySatisfy(m -> assertThat(m)
          .startsWith("GAP[canonical/cicd-deployer on " + emulator
              + "/no-such-backend]: declared for the test (observed: ")
          .contains("preview failed"));
      assertThat(messages).as("C-09 is not applicable, so not run").contains(
          "GAP[C-09 on " + emulator + "/no-such-backend]: not applicable: C-09 checks CloudFormation "
              + "change sets and this backend does not deploy through CloudFormation");

      List<String> lines = tsv("no-such-backend");
      assertThat(lines.get(0)).isEqualTo(ConformanceResults.HEADER);
      assertThat(lines).hasSize(15);
      assertThat(lines.subList(1, 15)).allSatisfy(l -> assertThat(l.split("\t"))
          .hasSize(5).satisfies(cols -> {
            assertThat(cols[1]).isEqualTo("no-such-backend");
            assertThat(cols[2]).isEqualTo(emulator);
            assertThat(cols[3]).isEqualTo("gap");
            assertThat(cols[4]).startsWith("GAP[" + cols[0] + " on ");
          }));
    } finally {
      restore(before);
    }
  }

  @Test
  void aDeclaredGapThatPassesFailsTheTest() throws Exception {
    String before = System.setProperty(ConformanceResults.DIR_PROPERTY, results.toString());
    try {
      Events events = run(selectMethod(EverythingIsAGap.class, "c05_policyDocumentsCompareByMeaning"));
      String emulator = AwsEmulators.shared().kind().id();

      assertThat(events.failed().count()).isEqualTo(1);
      assertThat(events.succeeded().count()).isZero();
      assertThat(events.aborted().count()).isZero();
      assertThat(events.failed().stream().findFirst().orElseThrow()
          .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow().getMessage())
          .isEqualTo("declared gap [C-05 on " + emulator + "/reference-test]: declared for the test: "
              + "but the case passed, so the declaration no longer holds; remove it from gaps()");

      List<String> lines = tsv(ReferenceBackend.NAME);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(1)).startsWith("C-05\treference-test\t" + emulator + "\tfail\t")
          .contains("no longer holds");
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
