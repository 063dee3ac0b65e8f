package io.iamkit.backend.direct;

import io.iamkit.api.DeployOptions;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.live.EventualConsistency;
import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.AwsEmulators;
import io.iamkit.testkit.EmulatorKind;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Benchmark command (not a test): applies, re-applies unchanged and destroys 1, 10 and 100 users
 * with backend {@code direct} against a private moto server, and prints time and IAM calls per user
 * for each phase beside a hand-written minimal call sequence for the same users.
 *
 * <p>Run: {@code ./mvnw -q -pl backend-direct test-compile exec:java@bench} (arguments: user counts,
 * default {@code 1 10 100}; {@code -Dbench.renameSearch=off} measures without the rename search).
 */
public final class DirectBenchmark {
  /** One managed policy, one inline policy, one tag, one key: the shape of the canonical users. */
  private static final String SPEC = """
      apiVersion: aws.project-planton.org/v1
      kind: AwsIamUser
      metadata: {name: %s}
      spec:
        userName: %s
        managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
        inlinePolicies:
          Access: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: [dynamodb:GetItem], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/T"}]}
        tags: {Owner: bench}
      """;
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\"],"
          + "\"Resource\":\"arn:aws:dynamodb:us-east-1:123456789012:table/T\"}]}";

  private DirectBenchmark() { }

  public static void main(String[] args) {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.iamkit"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    List<Integer> counts = new ArrayList<>();
    for (String a : args) {
      counts.add(Integer.parseInt(a));
    }
    if (counts.isEmpty()) {
      counts = List.of(1, 10, 100);
    }
    String renameSearch = System.getProperty("bench.renameSearch", "tags");
    StringBuilder table = new StringBuilder();
    table.append("| users | phase | direct: ms/user | direct: IAM calls/user (mutating) | hand-written: ms/user |"
        + " hand-written minimum: calls/user |\n|---|---|---|---|---|---|\n");
    try (AwsEmulator moto = AwsEmulators.start(EmulatorKind.MOTO)) {
      warmUp(moto);
      for (int n : counts) {
        run(moto, n, renameSearch, table);
      }
    }
    System.out.println("\nrename search: " + renameSearch + "\n");
    System.out.println(table);
  }

  private static void warmUp(AwsEmulator moto) {
    CallLog calls = new CallLog();
    DirectBackend backend = new DirectBackend(EventualConsistency.DEFAULT);
    BackendContext ctx = new BackendContext(Fixture.target(moto).withObserver(calls), e -> { }, DeployOptions.defaults());
    ValidatedUser u = Fixture.valid(user("warmup", "warm-up-user"));
    ok(backend.apply(ctx, u));
    ok(backend.apply(ctx, u));
    ok(backend.destroy(ctx, u));
  }

  private static void run(AwsEmulator moto, int n, String renameSearch, StringBuilder table) {
    CallLog calls = new CallLog();
    DirectBackend backend = new DirectBackend(EventualConsistency.DEFAULT);
    DeployOptions options = DeployOptions.defaults().withBackendProperty(Ownership.RENAME_SEARCH_PROPERTY, renameSearch);
    BackendContext ctx = new BackendContext(Fixture.target(moto).withObserver(calls), e -> { }, options);
    List<ValidatedUser> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      users.add(Fixture.valid(user("bench-" + n + "-" + i, "bench-" + n + "-user-" + i)));
    }
    Phase apply = phase(calls, users, u -> backend.apply(ctx, u));
    Phase noop = phase(calls, users, u -> backend.apply(ctx, u));
    Phase destroy = phase(calls, users, u -> backend.destroy(ctx, u));

    IamClient iam = moto.iam();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("hand-" + n + "-user-" + i);
    }
    long t0 = System.nanoTime();
    for (String name : names) {
      iam.createUser(r -> r.userName(name).tags(t -> t.key("Owner").value("bench")));
      iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
      iam.putUserPolicy(r -> r.userName(name).policyName("Access").policyDocument(POLICY));
      iam.createAccessKey(r -> r.userName(name));
    }
    long t1 = System.nanoTime();
    for (String name : names) {
      iam.getUser(r -> r.userName(name));
      iam.listAttachedUserPolicies(r -> r.userName(name));
      iam.listUserPolicies(r -> r.userName(name));
      iam.getUserPolicy(r -> r.userName(name).policyName("Access"));
      iam.listAccessKeys(r -> r.userName(name));
    }
    long t2 = System.nanoTime();
    for (String name : names) {
      String key = iam.listAccessKeys(r -> r.userName(name)).accessKeyMetadata().get(0).accessKeyId();
      iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key));
      iam.detachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
      iam.deleteUserPolicy(r -> r.userName(name).policyName("Access"));
      iam.deleteUser(r -> r.userName(name));
    }
    long t3 = System.nanoTime();

    row(table, n, "apply (create)", apply, (t1 - t0) / 1e6 / n, "4 (CreateUser with tags, AttachUserPolicy, PutUserPolicy, CreateAccessKey)");
    row(table, n, "re-apply (no change)", noop, (t2 - t1) / 1e6 / n, "5 reads, 0 mutating (GetUser, ListAttachedUserPolicies, ListUserPolicies, GetUserPolicy, ListAccessKeys)");
    row(table, n, "destroy", destroy, (t3 - t2) / 1e6 / n, "5 (ListAccessKeys, DeleteAccessKey, DetachUserPolicy, DeleteUserPolicy, DeleteUser)");
  }

  private record Phase(double msPerUser, double callsPerUser, double mutatingPerUser) { }

  private static Phase phase(CallLog calls, List<ValidatedUser> users, Function<ValidatedUser, Either<DeploymentError, ?>> op) {
    calls.clear();
    long t0 = System.nanoTime();
    for (ValidatedUser u : users) {
      ok(op.apply(u));
    }
    long t1 = System.nanoTime();
    int n = users.size();
    return new Phase((t1 - t0) / 1e6 / n, (double) calls.all().size() / n, (double) calls.mutating().size() / n);
  }

  private static void row(StringBuilder table, int n, String phase, Phase p, double handMs, String hand) {
    table.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f (%.1f) | %.1f | %s |%n",
        n, phase, p.msPerUser, p.callsPerUser, p.mutatingPerUser, handMs, hand));
  }

  private static AwsIamUser user(String metadataName, String userName) {
    var parsed = Manifests.parse(SPEC.formatted(metadataName, userName), metadataName);
    if (parsed.isInvalid()) {
      throw new IllegalStateException(parsed.getError().mkString("; "));
    }
    return parsed.get().head();
  }

  private static <T> T ok(Either<DeploymentError, T> result) {
    if (result.isLeft()) {
      throw new IllegalStateException(result.getLeft().message());
    }
    return result.get();
  }
}
