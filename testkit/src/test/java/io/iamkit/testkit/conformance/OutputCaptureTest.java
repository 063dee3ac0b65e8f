package io.iamkit.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** C-08 relies on this capture seeing console logs of every logger (iamkit's and the SDK's) at their most verbose. */
class OutputCaptureTest {

  private static final Logger LOG = LoggerFactory.getLogger("io.iamkit.backend.example");
  /** Not iamkit's: an HTTP client's wire log, which would carry message bodies. */
  private static final Logger WIRE = LoggerFactory.getLogger("org.apache.hc.client5.http.wire");

  @Test
  void capturesStdoutStderrAndTraceLogsOfIamkitAndOtherLoggersThenRestoresEverything() {
    var out = System.out;
    var err = System.err;
    assertThat(LOG.isTraceEnabled()).as("configured at INFO for tests").isFalse();
    String text;
    try (OutputCapture capture = OutputCapture.start()) {
      System.out.println("to-stdout-1");
      System.err.println("to-stderr-2");
      assertThat(LOG.isTraceEnabled()).isTrue();
      LOG.trace("trace-line-3");
      assertThat(WIRE.isTraceEnabled()).isTrue();
      WIRE.trace("wire-line-4");
      text = capture.text();
    }
    assertThat(text).contains("to-stdout-1", "to-stderr-2", "trace-line-3", "wire-line-4");
    assertThat(WIRE.isDebugEnabled()).as("root level restored").isFalse();
    assertThat(System.out).isSameAs(out);
    assertThat(System.err).isSameAs(err);
    assertThat(LOG.isTraceEnabled()).as("level restored").isFalse();
  }

  @Test
  void resultLinesAreOneLineAndBounded() {
    assertThat(ConformanceResults.oneLine("a\tb\r\nc")).isEqualTo("a b c");
    assertThat(ConformanceResults.oneLine("x".repeat(800))).hasSize(500).endsWith("...");
  }
}
