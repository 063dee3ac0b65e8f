package io.iamkit.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark command (not a test): starts and stops private moto_server emulators N times in one JVM
 * and prints each start-up time (process launch to the first IAM answer with AWS managed policies
 * loaded), then min, median and max. Speed is measured here, never asserted in tests.
 *
 * <pre>
 * ./mvnw -B -q -pl testkit -am test-compile
 * cd testkit
 * ../mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *   io.iamkit.testkit.MotoStartupBenchmark 5
 * </pre>
 */
public final class MotoStartupBenchmark {

  private MotoStartupBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Long> millis = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      try (AwsEmulator moto = AwsEmulators.start(EmulatorKind.MOTO)) {
        long ms = moto.startupTime().toMillis();
        millis.add(ms);
        // a benchmark command prints its numbers
        System.out.printf("run %d: moto_server ready (managed policies loaded) in %d ms%n", i, ms);
      }
    }
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf("moto start-up over %d runs: min %d ms, median %d ms, max %d ms "
            + "(first run includes SDK class loading)%n", runs, sorted.get(0),
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
  }
}
