package io.iamkit.backend.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.iamkit.model.proto.AwsIamUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Runs a {@link UserProgram} on Pulumi's own mock engine ({@link PulumiTest}) and records every
 * resource registration: type, logical name, inputs and provider reference. Nothing is deployed;
 * the mock answers with the inputs plus the outputs AWS would compute (ARN, unique id, key id and
 * secret, secret ARN).
 */
final class MockEngine implements Mocks {
  static final String ACCOUNT = "123456789012";
  static final String KEY_ID = "AKIAMOCKENGINE000001";
  /** 40 characters, the shape of a real secret access key. */
  static final String SECRET_ACCESS_KEY = "mockSecretKey/0123456789abcdefghijklmnop";

  /** One registration seen by the mock engine. */
  record Registration(String type, String name, Map<String, Object> inputs, String provider) {}

  private final List<Registration> registrations = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
    registrations.add(new Registration(args.type, args.name, Map.copyOf(withoutNulls(args.inputs)),
        args.provider));
    Map<String, Object> state = new HashMap<>(withoutNulls(args.inputs));
    String id = args.name + "-id";
    switch (args.type) {
      case "aws:iam/user:User" -> {
        String path = (String) state.getOrDefault("path", "/");
        state.put("arn", "arn:aws:iam::" + ACCOUNT + ":user" + path + state.get("name"));
        state.put("uniqueId", "AIDAMOCKENGINE0000001");
        id = (String) state.get("name");
      }
      case "aws:iam/accessKey:AccessKey" -> {
        state.put("secret", SECRET_ACCESS_KEY);
        id = KEY_ID;
      }
      case "aws:secretsmanager/secret:Secret" -> {
        id = "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:" + state.get("name") + "-AbCdEf";
        state.put("arn", id);
      }
      default -> { }
    }
    return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> inputs) {
    return inputs.entrySet().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  List<Registration> registrations() {
    return List.copyOf(registrations);
  }

  /** The single registration with this logical name. */
  Registration named(String name) {
    List<Registration> found = registrations.stream().filter(r -> r.name().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one resource named " + name + ", found " + found);
    }
    return found.get(0);
  }

  List<Registration> ofType(String type) {
    return registrations.stream().filter(r -> r.type().equals(type)).toList();
  }

  /** Runs the program for a manifest on a fresh mock engine. */
  static Run run(AwsIamUser manifest, PulumiTarget target) {
    MockEngine mocks = new MockEngine();
    try {
      TestResult result = PulumiTest
          .withMocks(mocks)
          .withOptions(TestOptions.builder().projectName("iamkit").stackName(
              manifest.getMetadata().getName()).preview(false).build())
          .runTest(new UserProgram(manifest, target));
      return new Run(mocks, result);
    } finally {
      PulumiTest.cleanup();
    }
  }

  /** What one mock run produced. */
  record Run(MockEngine engine, TestResult result) {
    Map<String, Output<?>> outputs() {
      return result.outputs();
    }

    Object output(String name) {
      return PulumiTest.extractValue(result.outputs().get(name));
    }

    boolean isSecret(String name) {
      return Internal.of(result.outputs().get(name)).isSecret().join();
    }
  }
}
