package io.iamkit.cli;

import static io.iamkit.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamkit.cli.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of the local emulator, and local status/stop when nothing runs. Starting one: LocalEmulatorIT. */
class LocalStateTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsBack() throws IOException {
    LocalState s = new LocalState("moto", "http://127.0.0.1:1234", "us-east-1", 42, "/usr/bin/moto_server -p 1234", 1234, "/x.log");
    s.write(dir);
    assertThat(LocalState.read(dir)).contains(s);
    LocalState.delete(dir);
    assertThat(LocalState.read(dir)).isEmpty();
  }

  @Test
  void aFileNotWrittenByIamkitIsAnErrorNamingIt() throws IOException {
    Files.writeString(dir.resolve(LocalState.FILE), "{not json");
    assertThatThrownBy(() -> LocalState.read(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining(LocalState.FILE).hasMessageContaining("not a state file written by iamkit");
  }

  @Test
  void aRecordIsRunningOnlyWhileItsProcessLivesAndIsTheSameProcess() throws IOException {
    ProcessHandle me = ProcessHandle.current();
    assertThat(LocalState.commandOf(me)).as("the OS tells the command line").isNotEmpty();
    LocalState mine = new LocalState("moto", "http://x", "us-east-1", me.pid(), LocalState.commandOf(me), 1, "l");
    assertThat(mine.isRunning()).isTrue();
    LocalState reused = new LocalState("moto", "http://x", "us-east-1", me.pid(), "/usr/bin/moto_server -p 1", 1, "l");
    assertThat(reused.isRunning()).as("same pid, another program: a reused pid").isFalse();
    Process p = new ProcessBuilder("true").start();
    p.onExit().join();
    assertThat(new LocalState("moto", "http://x", "us-east-1", p.pid(), "", 1, "l").isRunning()).isFalse();
  }

  @Test
  void statusAndStopWithNothingRunning() throws IOException {
    CliRun cli = cli().env(CliContext.STATE_DIR_ENV, dir.toString());
    Result status = cli.run("local", "status");
    assertThat(status.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(status.out()).contains("not running", "iamkit local start");
    assertThat(cli.run("local", "status", "-o", "json").json().path("running").asBoolean()).isFalse();

    Result stop = cli.run("local", "stop");
    assertThat(stop.code()).isZero();
    assertThat(stop.out()).contains("no local emulator running");
    assertThat(cli.run("local", "stop", "-o", "json").json().path("stopped").asBoolean()).isFalse();

    Process p = new ProcessBuilder("true").start();
    p.onExit().join();
    new LocalState("moto", "http://127.0.0.1:1", "us-east-1", p.pid(), "", 1, "moto.log").write(dir);
    Result stale = cli.run("local", "status");
    assertThat(stale.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(stale.out()).contains("has exited; record removed");
    assertThat(LocalState.read(dir)).isEmpty();
  }

  @Test
  void theStateDirectoryIsDotIamkitInTheWorkingDirectoryUnlessTheEnvironmentSaysOtherwise() {
    java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
    CliContext plain = new CliContext(sink, sink, java.util.Map.of(), dir, AwsDefaults.sdk(), false);
    assertThat(plain.stateDir()).isEqualTo(dir.resolve(".iamkit"));
    CliContext set = new CliContext(sink, sink, java.util.Map.of(CliContext.STATE_DIR_ENV, "elsewhere"), dir, AwsDefaults.sdk(), false);
    assertThat(set.stateDir()).isEqualTo(dir.resolve("elsewhere"));
  }
}
