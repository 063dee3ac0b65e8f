package io.iamkit.backend.cloudformation.internal;

import io.iamkit.model.proto.AwsIamUser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmark of template synthesis: one user, and a batch of 500 distinct users (the three
 * canonical manifests in turn, each with its own metadata name and user name). Run it with the
 * command in docs/benchmarks.md ("cloudformation synthesis").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SynthesisBenchmark {

  private static final String[] MANIFESTS = {
    "cicd-deployer", "payment-service-user", "compliance-auditor"
  };

  private final TemplateSynthesizer synthesizer = new TemplateSynthesizer();
  private AwsIamUser one;
  private List<AwsIamUser> fiveHundred;

  @Setup
  public void setUp() {
    one = TestManifests.load("payment-service-user");
    fiveHundred = new ArrayList<>(500);
    for (int i = 0; i < 500; i++) {
      AwsIamUser base = TestManifests.load(MANIFESTS[i % MANIFESTS.length]);
      fiveHundred.add(base.toBuilder()
          .setMetadata(base.getMetadata().toBuilder().setName("bench-" + i))
          .setSpec(base.getSpec().toBuilder().setUserName(base.getSpec().getUserName() + "-" + i))
          .build());
    }
  }

  @Benchmark
  public SynthesizedStack oneUser() {
    return synthesizer.synthesize(one);
  }

  @Benchmark
  public void fiveHundredUsers(Blackhole blackhole) {
    for (AwsIamUser user : fiveHundred) {
      blackhole.consume(synthesizer.synthesize(user));
    }
  }
}
