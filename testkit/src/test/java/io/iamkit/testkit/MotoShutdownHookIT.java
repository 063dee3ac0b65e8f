package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that exits without closing its moto emulator leaves no moto_server behind. */
class MotoShutdownHookIT {

  @Test
  void theShutdownHookKillsMotoWhenTheJvmExitsWithoutClose() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), MotoShutdownHookMain.class.getName())
        .redirectErrorStream(true);
    pb.environment().remove("IAMKIT_EMULATOR");
    Process child = pb.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        output.add(line);
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM exits").isTrue();
    Optional<Long> pid = output.stream().filter(l -> l.startsWith("MOTO_PID="))
        .map(l -> Long.parseLong(l.substring("MOTO_PID=".length()))).findFirst();
    assertThat(pid).as("child output:%n%s", String.join("\n", output)).isPresent();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (isAlive(pid.get()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(isAlive(pid.get())).as("moto_server pid %s still running", pid.get()).isFalse();
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
