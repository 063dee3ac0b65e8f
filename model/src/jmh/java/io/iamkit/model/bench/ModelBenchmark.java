package io.iamkit.model.bench;

import io.iamkit.model.Manifests;
import io.iamkit.model.Validator;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse + validate of one manifest: the three canonical users and a user with a 2,000-character
 * (minified) inline policy. Run with {@code ./mvnw -B -pl model -am verify -Pbench} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelBenchmark {
  @Param({"cicd-deployer", "payment-service-user", "compliance-auditor", "policy-2000"})
  public String manifest;

  private String text;
  private AwsIamUser user;
  private final Validator validator = Validator.create();

  @Setup
  public void setUp() {
    text = manifest.equals("policy-2000") ? policy2000() : resource("/cases/manifests/" + manifest + ".yaml");
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.parse(text, manifest);
    user = read.get().head();
    if (validator.validate(user).isInvalid()) {
      throw new IllegalStateException(manifest + " must be valid: " + validator.validate(user));
    }
  }

  /** Text to validated user: what `iamkit validate` does per manifest. */
  @Benchmark
  public Object parseAndValidate() {
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.parse(text, manifest);
    return validator.validate(read.get().head());
  }

  /** Validation alone, on an already-read user (what the Java builder path pays). */
  @Benchmark
  public Object validateOnly() {
    return validator.validate(user);
  }

  private static String resource(String name) {
    try (InputStream in = ModelBenchmark.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A realistic policy of exactly 2,000 characters without whitespace, written as YAML. */
  static String policy2000() {
    StringBuilder actions = new StringBuilder();
    String[] verbs = {"GetObject", "GetObjectAcl", "GetObjectTagging", "GetObjectVersion", "PutObject",
        "PutObjectAcl", "PutObjectTagging", "DeleteObject", "ListBucket", "ListBucketVersions"};
    String[] services = {"s3", "dynamodb", "sqs", "sns", "kms", "logs", "lambda", "events"};
    for (String service : services) {
      for (String verb : verbs) {
        actions.append("          - ").append(service).append(':').append(verb).append('\n');
      }
    }
    String head = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: bench}\n"
        + "spec:\n  userName: bench-user\n  inlinePolicies:\n    Bench:\n      Version: \"2012-10-17\"\n"
        + "      Statement:\n        - Sid: Bench\n          Effect: Allow\n          Action:\n" + actions
        + "          Resource: arn:aws:s3:::bench-bucket/";
    String probe = head + "\n";
    AwsIamUser user = Manifests.parse(probe, "probe").get().head();
    int size = io.iamkit.model.internal.StructJson.sizeWithoutWhitespace(user.getSpec().getInlinePoliciesOrThrow("Bench"));
    return head + "x".repeat(2000 - size) + "\n";
  }
}
