package io.iamkit.backend.cloudformation;

import io.iamkit.api.AwsCallObserver;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.Manifests;
import io.iamkit.model.Validator;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The cloudformation backend pointed at the testkit's emulator, with its calls and events recorded. */
final class Fixture {
  /** One recorded request: service, operation and the SDK request object. */
  record Call(String service, String operation, Object request) { }

  final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
  final CloudFormationBackend backend = new CloudFormationBackend();
  final BackendContext context;

  Fixture(AwsEmulator emulator) {
    this(emulator, DeployOptions.defaults(), (service, operation, request) -> { });
  }

  /** With an extra observer that runs before each request is sent (to change AWS at an exact moment). */
  Fixture(AwsEmulator emulator, DeployOptions options, AwsCallObserver before) {
    AwsCallObserver record = (service, operation, request) -> calls.add(new Call(service, operation, request));
    this.context = new BackendContext(emulator.target().withObserver(before).withObserver(record), events::add,
        options);
  }

  /** The operations sent to one service ({@code IAM}, {@code CloudFormation}), oldest first. */
  List<String> operations(String service) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.service().equalsIgnoreCase(service)).map(Call::operation).toList();
    }
  }

  <T> List<T> requests(Class<T> type) {
    synchronized (calls) {
      return calls.stream().map(Call::request).filter(type::isInstance).map(type::cast).toList();
    }
  }

  /**
   * A user from spec lines (YAML, two-space indented under {@code spec:}), with a run-unique
   * {@code metadata.name} and {@code spec.userName} (tests share one emulator).
   */
  static AwsIamUser user(String prefix, String specYaml) {
    String suffix = UniqueNames.suffix();
    String yaml = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata:\n  name: " + prefix + suffix
        + "\nspec:\n  userName: " + prefix + suffix + "\n"
        + specYaml.stripTrailing().lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    var parsed = Manifests.parse(yaml, prefix);
    if (parsed.isInvalid()) {
      throw new IllegalArgumentException(parsed.getError().mkString("; "));
    }
    return parsed.get().head();
  }

  static ValidatedUser valid(AwsIamUser user) {
    var v = ValidatedUser.validate(user, Validator.create());
    if (v.isInvalid()) {
      throw new IllegalArgumentException(v.getError().mkString("; "));
    }
    return v.get();
  }

  /** The value of an operation that must succeed; otherwise the test fails with the error's message. */
  static <T> T ok(Either<DeploymentError, T> result, String what) {
    if (result.isLeft()) {
      throw new AssertionError(what + " failed: " + result.getLeft().message());
    }
    return result.get();
  }
}
