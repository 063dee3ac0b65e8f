package io.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Change;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
  static final ProgressEvent STARTED = new ProgressEvent.ResourceStarted("svc", ResourceKind.MANAGED_POLICY_ATTACHMENT,
      "arn:aws:iam::aws:policy/ReadOnlyAccess", Change.Action.CREATE);
  static final ProgressEvent FINISHED = new ProgressEvent.ResourceFinished("svc", ResourceKind.MANAGED_POLICY_ATTACHMENT,
      "arn:aws:iam::aws:policy/ReadOnlyAccess", Change.Action.CREATE);
  static final ProgressEvent FAILED = new ProgressEvent.ResourceFailed("svc", ResourceKind.USER, "svc",
      Change.Action.DELETE, "DeleteConflict");
  static final ProgressEvent DEBUG = new ProgressEvent.Message("svc", ProgressEvent.Message.Level.DEBUG, "detail");
  static final ProgressEvent WARN = new ProgressEvent.Message("other", ProgressEvent.Message.Level.WARN, "careful");

  StringWriter err = new StringWriter();

  Progress progress(Progress.Mode mode, boolean terminal, boolean verbose) {
    PrintWriter w = new PrintWriter(err, true);
    return Progress.create(mode, new CliContext(w, w, Map.of(), Path.of("."), AwsDefaults.sdk(), terminal), verbose);
  }

  void send(Progress p) {
    for (ProgressEvent e : new ProgressEvent[] {STARTED, FINISHED, DEBUG, FAILED, WARN}) {
      p.onEvent(e);
    }
    p.close();
  }

  @Test
  void plainPrintsOneLinePerFinishedOrFailedStepAndPerMessage() {
    send(progress(Progress.Mode.auto, false, false));
    assertThat(err.toString()).isEqualTo(String.join("\n",
        "  [svc] + MANAGED_POLICY_ATTACHMENT arn:aws:iam::aws:policy/ReadOnlyAccess done",
        "  [svc] - USER svc FAILED: DeleteConflict",
        "  [other] careful", ""));
  }

  @Test
  void plainAndVerboseAlsoShowsStartsAndDebugMessages() {
    send(progress(Progress.Mode.plain, true, true));
    assertThat(err.toString()).contains("  [svc] + MANAGED_POLICY_ATTACHMENT arn:aws:iam::aws:policy/ReadOnlyAccess ...",
        "  [svc] detail");
  }

  @Test
  void liveRedrawsOneStatusLineAndKeepsASummaryPerUser() {
    send(progress(Progress.Mode.auto, true, false));
    String out = err.toString();
    assertThat(out).contains("\r\033[2K", "svc: + MANAGED_POLICY_ATTACHMENT arn:aws:iam::aws:policy/ReadOnlyAccess",
        "  ✗ svc: - USER svc failed: DeleteConflict", "  ✗ svc: 1 step(s) done, 1 failed", "  ! other: careful",
        "  ✓ other: 0 step(s) done");
  }

  @Test
  void noneShowsNoProgressButKeepsWarnings() {
    send(progress(Progress.Mode.none, true, true));
    assertThat(err.toString()).isEqualTo("  [other] careful" + System.lineSeparator());
  }
}
