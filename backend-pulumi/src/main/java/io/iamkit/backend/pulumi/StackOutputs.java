package io.iamkit.backend.pulumi;

import com.pulumi.automation.OutputValue;
import io.iamkit.api.Secret;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The stack outputs of one user's stack, mapped onto {@link AwsIamUserOutputs} and, separately, the
 * access key's {@link Secret}. The secret comes only from the {@code secretAccessKey} output and only
 * when the engine marks it secret; it never enters {@link AwsIamUserOutputs} or a {@code toString}.
 */
final class StackOutputs {

  /** One output: its value and whether the engine marks it secret. */
  record Value(Object value, boolean secret) {
    static Value of(OutputValue output) {
      return new Value(output.value(), output.isSecret());
    }

    @Override
    public String toString() {
      return secret ? "Value[secret]" : "Value[" + value + "]";
    }
  }

  private final Map<String, Value> values;

  private StackOutputs(Map<String, Value> values) {
    this.values = Map.copyOf(values);
  }

  static StackOutputs of(Map<String, Value> values) {
    Map<String, Value> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k != null && v != null && v.value() != null) {
        copy.put(k, v);
      }
    });
    return new StackOutputs(copy);
  }

  /** From the Automation API's outputs ({@code UpResult.outputs()}, {@code getOutputs()}). */
  static StackOutputs fromEngine(Map<String, OutputValue> outputs) {
    Map<String, Value> values = new LinkedHashMap<>();
    outputs.forEach((k, v) -> values.put(k, v == null ? null : Value.of(v)));
    return of(values);
  }

  static StackOutputs empty() {
    return new StackOutputs(Map.of());
  }

  /** True when the stack has no outputs: never deployed, or destroyed. */
  boolean isEmpty() {
    return !values.containsKey(UserProgram.OUT_USER_NAME);
  }

  /** The outputs a caller may see; none when the stack has none. Never the secret. */
  Option<AwsIamUserOutputs> outputs() {
    if (isEmpty()) {
      return Option.none();
    }
    return Option.of(AwsIamUserOutputs.newBuilder()
        .setUserArn(plain(UserProgram.OUT_USER_ARN))
        .setUserName(plain(UserProgram.OUT_USER_NAME))
        .setUserId(plain(UserProgram.OUT_USER_ID))
        .setAccessKeyId(plain(UserProgram.OUT_ACCESS_KEY_ID))
        .setConsoleUrl(plain(UserProgram.OUT_CONSOLE_URL))
        .setSecretArn(plain(UserProgram.OUT_SECRET_ARN))
        .build());
  }

  /** The IAM user name the stack last deployed. */
  Option<String> userName() {
    return Option.of(plain(UserProgram.OUT_USER_NAME)).filter(s -> !s.isEmpty());
  }

  /** The id of the access key the stack owns; none when keys are disabled. */
  Option<String> accessKeyId() {
    return Option.of(plain(UserProgram.OUT_ACCESS_KEY_ID)).filter(s -> !s.isEmpty());
  }

  /**
   * The access key's secret, from the secret output only.
   *
   * @throws IllegalStateException if the output exists but the engine does not mark it secret: the
   *     program always exports it as a secret, so anything else is a bug, and the value must not be
   *     handled as plain text
   */
  Option<Secret> secretAccessKey() {
    Value value = values.get(UserProgram.OUT_SECRET_ACCESS_KEY);
    if (value == null) {
      return Option.none();
    }
    if (!value.secret()) {
      throw new IllegalStateException("stack output " + UserProgram.OUT_SECRET_ACCESS_KEY
          + " is not marked secret; refusing to handle it");
    }
    if (!(value.value() instanceof String s) || s.isEmpty()) {
      return Option.none();
    }
    return Option.of(Secret.of(s));
  }

  /** A plain (non-secret) output as text; empty when absent. A secret output is never read here. */
  private String plain(String key) {
    Value value = values.get(key);
    if (value == null || value.secret()) {
      return "";
    }
    return Objects.toString(value.value(), "");
  }

  @Override
  public String toString() {
    return "StackOutputs" + values;
  }
}
