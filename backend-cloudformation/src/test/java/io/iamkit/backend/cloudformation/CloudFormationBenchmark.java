package io.iamkit.backend.cloudformation;

import io.iamkit.api.Deployer;
import io.iamkit.api.DeploymentError;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.iamkit.backend.cloudformation.internal.TestManifests;
import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.AwsEmulators;
import io.iamkit.testkit.EmulatorKind;
import io.iamkit.testkit.conformance.BackendConformanceSuite;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Benchmark command (not a test). Prints:
 * <ol>
 *   <li>template synthesis time per template, for one user and for a batch of 500 distinct users
 *       (the three canonical manifests in turn, renamed), after a warm-up, in this JVM;
 *   <li>apply (create), apply again unchanged (no-op) and destroy, per user, for backend
 *       {@code cloudformation} and beside it backend {@code direct}, for the same users against one
 *       private moto server, with the AWS calls per user by service.
 * </ol>
 * The users have one inline policy and no access key, tag or managed policy: the shape moto's
 * CloudFormation deploys faithfully (it ignores {@code Tags} and {@code ManagedPolicyArns} on
 * {@code AWS::IAM::User} and skips the secret resource; see {@code EMULATOR-NOTES.md}), so both
 * backends do the same work and every apply passes its read-back.
 *
 * <p>Run from the repository root: {@code ./mvnw -B -q -pl backend-cloudformation -am test-compile
 * exec:java@bench} (upstream modules built in the same reactor); arguments: user counts, default
 * {@code 1 10}, e.g. {@code -Dexec.args="1 10 50"}.
 */
public final class CloudFormationBenchmark {
  private static final String SPEC = """
      apiVersion: aws.project-planton.org/v1
      kind: AwsIamUser
      metadata: {name: %s}
      spec:
        userName: %s
        disableAccessKeys: true
        inlinePolicies:
          Access: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: [dynamodb:GetItem], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/T"}]}
      """;
  private static final String[] BACKENDS = {CloudFormationBackend.NAME, "direct"};

  private CloudFormationBenchmark() { }

  public static void main(String[] args) {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.iamkit"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    List<Integer> counts = new ArrayList<>();
    for (String a : args) {
      counts.add(Integer.parseInt(a));
    }
    if (counts.isEmpty()) {
      counts = List.of(1, 10);
    }
    System.out.println(synthesis());
    StringBuilder table = new StringBuilder("| users | phase | backend | ms/user | AWS calls/user "
        + "(CloudFormation + IAM + Secrets Manager) |\n|---|---|---|---|---|\n");
    try (AwsEmulator moto = AwsEmulators.start(EmulatorKind.MOTO)) {
      for (String backend : BACKENDS) {
        lifecycle(moto, backend, 1, "warmup", new StringBuilder()); // clients, classes, moto's policies
      }
      for (int n : counts) {
        for (String backend : BACKENDS) {
          lifecycle(moto, backend, n, "u" + n, table);
        }
      }
    }
    System.out.println(table);
  }

  /** Synthesis of one template, and of 500 templates, as microseconds per template. */
  static String synthesis() {
    TemplateSynthesizer synthesizer = new TemplateSynthesizer();
    AwsIamUser one = TestManifests.load("payment-service-user");
    List<AwsIamUser> batch = new ArrayList<>(500);
    List<String> manifests = BackendConformanceSuite.CANONICAL_MANIFESTS;
    for (int i = 0; i < 500; i++) {
      AwsIamUser base = TestManifests.load(manifests.get(i % manifests.size()));
      batch.add(base.toBuilder().setMetadata(base.getMetadata().toBuilder().setName("bench-" + i))
          .setSpec(base.getSpec().toBuilder().setUserName(base.getSpec().getUserName() + "-" + i)).build());
    }
    long sink = 0;
    for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT compile synthesis
      sink += synthesizer.synthesize(batch.get(i % 500)).templateBody().length();
    }
    int reps = 20_000;
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      sink += synthesizer.synthesize(one).templateBody().length();
    }
    double oneMicros = (System.nanoTime() - start) / 1e3 / reps;
    int rounds = 40;
    start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (AwsIamUser u : batch) {
        sink += synthesizer.synthesize(u).templateBody().length();
      }
    }
    double batchMillis = (System.nanoTime() - start) / 1e6 / rounds;
    return String.format(Locale.ROOT, "synthesis (after 20,000 warm-up syntheses; %d characters written):%n"
        + "| users | per template | whole batch |%n|---|---|---|%n"
        + "| 1 (payment-service-user, %d reps) | %.1f us | %.1f us |%n"
        + "| 500 (canonical users renamed, %d rounds) | %.1f us | %.2f ms |%n",
        sink, reps, oneMicros, oneMicros, rounds, batchMillis * 1000 / 500, batchMillis);
  }

  private static void lifecycle(AwsEmulator moto, String backend, int n, String tag, StringBuilder table) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    Deployer deployer = Deployer.builder().backend(backend)
        .target(moto.target().withObserver((service, operation, request) ->
            calls.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet()))
        .build();
    List<AwsIamUser> users = new ArrayList<>();
    String prefix = backend.substring(0, 3) + "-" + tag + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    for (int i = 0; i < n; i++) {
      String name = prefix + "-" + i;
      users.add(Manifests.parse(SPEC.formatted(name, name), name).get().head());
    }
    phase(table, backend, n, "apply (create)", calls, users, u -> deployer.apply(u).map(d -> d.changed()));
    phase(table, backend, n, "apply again (no-op)", calls, users, u -> deployer.apply(u).map(d -> !d.changed()));
    phase(table, backend, n, "destroy", calls, users, u -> deployer.destroy(u).map(r -> !r.alreadyGone()));
  }

  private static void phase(StringBuilder table, String backend, int n, String phase, Map<String, AtomicInteger> calls,
      List<AwsIamUser> users, Function<AwsIamUser, Either<DeploymentError, Boolean>> op) {
    calls.clear();
    long start = System.nanoTime();
    for (AwsIamUser u : users) {
      Either<DeploymentError, Boolean> r = op.apply(u);
      if (r.isLeft() || !r.get()) {
        throw new IllegalStateException(backend + " " + phase + " of " + u.getSpec().getUserName() + ": "
            + (r.isLeft() ? r.getLeft().message() : "did not do what the phase expects"));
      }
    }
    double msPerUser = (System.nanoTime() - start) / 1e6 / n;
    Map<String, Integer> byService = new TreeMap<>();
    calls.forEach((s, c) -> byService.put(s, c.get()));
    String perUser = String.format(Locale.ROOT, "%.1f (%s)",
        byService.values().stream().mapToInt(Integer::intValue).sum() / (double) n,
        String.join(" + ", byService.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f",
            e.getKey(), e.getValue() / (double) n)).toList()));
    table.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %s |%n", n, phase, backend, msPerUser, perUser));
  }
}
