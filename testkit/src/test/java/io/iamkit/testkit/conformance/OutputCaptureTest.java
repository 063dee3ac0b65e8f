package io.iamkit.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** C-08 relies on this capture seeing console logs of iamkit's loggers at their most verbose. */
class OutputCaptureTest {

  private static final Logger LOG = LoggerFactory.getLogger("io.iamkit.backend.example");

  @Test
  void capturesStdoutStderrAndIamkitTraceLogsThenRestoresEverything() {
    var out = System.out;
    var err = System.err;
    assertThat(LOG.isTraceEnabled()).as("configured at INFO for tests").isFalse();
    String text;
    try (OutputCapture capture = OutputCapture.start()) {
      System.out.println("to-stdout-1");
      System.err.println("to-stderr-2");
      assertThat(LOG.isTraceEnabled()).isTrue();
      LOG.trace("trace-line-3");
      text = capture.text();
    }
    assertThat(text).contains("to-stdout-1", "to-stderr-2", "trace-line-3");
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
