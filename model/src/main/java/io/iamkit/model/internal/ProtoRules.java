package io.iamkit.model.internal;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPathElement;
import com.google.protobuf.Message;
import io.iamkit.model.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the protovalidate rules written in {@code aws_iam_user.proto} and maps each of its violations
 * to ours: a camelCase manifest path, a stable rule id and a message that says what is allowed.
 */
public final class ProtoRules {
  private static final Validator VALIDATOR = ValidatorFactory.newBuilder().build();

  /** Per field (camelCase path without indexes; {@code #key} for map keys): rule-id base, pattern suffix, what is allowed. */
  private record FieldRule(String base, String patternSuffix, String allowed) {}

  private static final String TAG_CHARS = "letters, digits, spaces and _.:/=+-@ ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@])";
  private static final String POLICY_ARN =
      "an IAM policy ARN arn:<aws|aws-cn|aws-us-gov>:iam::<aws|12-digit account>:policy/[path/]name";

  private static final Map<String, FieldRule> FIELDS = Map.ofEntries(
      Map.entry("apiVersion", new FieldRule("api-version", "format", "")),
      Map.entry("kind", new FieldRule("kind", "format", "")),
      Map.entry("metadata", new FieldRule("metadata", "format", "")),
      Map.entry("spec", new FieldRule("spec", "format", "")),
      Map.entry("metadata.name", new FieldRule("metadata-name", "charset",
          "must start with a letter and hold only letters, digits and hyphens")),
      Map.entry("metadata.tags#key", new FieldRule("tag-key", "charset", "may hold only " + TAG_CHARS)),
      Map.entry("metadata.tags", new FieldRule("tag-value", "charset", "may hold only " + TAG_CHARS)),
      Map.entry("spec.tags#key", new FieldRule("tag-key", "charset", "may hold only " + TAG_CHARS)),
      Map.entry("spec.tags", new FieldRule("tag-value", "charset", "may hold only " + TAG_CHARS)),
      Map.entry("spec.userName", new FieldRule("user-name", "charset",
          "may hold only letters, digits and _+=,.@- ([\\w+=,.@-]{1,64})")),
      Map.entry("spec.managedPolicyArns", new FieldRule("managed-policy-arn", "format", "must be " + POLICY_ARN)),
      Map.entry("spec.inlinePolicies#key", new FieldRule("inline-policy-name", "charset",
          "may hold only letters, digits and _+=,.@- ([\\w+=,.@-]{1,128})")),
      Map.entry("spec.path", new FieldRule("path", "format",
          "must be \"/\" or begin and end with \"/\" with printable ASCII between")),
      Map.entry("spec.permissionsBoundary", new FieldRule("permissions-boundary", "format", "must be " + POLICY_ARN)),
      Map.entry("spec.secretDelivery.secretName", new FieldRule("secret-name", "charset",
          "may hold only letters, digits and /_+=.@- ([a-zA-Z0-9/_+=.@-]{1,512})")),
      Map.entry("spec.secretDelivery.kmsKeyId", new FieldRule("kms-key-id", "format", "")));

  private ProtoRules() {}

  public static List<Violation> check(Message message) {
    ValidationResult result;
    try {
      result = VALIDATOR.validate(message);
    } catch (ValidationException e) {
      throw new IllegalStateException("protovalidate rules in aws_iam_user.proto failed to run", e);
    }
    List<Violation> violations = new ArrayList<>();
    for (build.buf.protovalidate.Violation violation : result.getViolations()) {
      violations.add(map(violation));
    }
    return violations;
  }

  private static Violation map(build.buf.protovalidate.Violation violation) {
    build.buf.validate.Violation proto = violation.toProto();
    StringBuilder key = new StringBuilder();
    String path = "";
    for (FieldPathElement element : proto.getField().getElementsList()) {
      String name = camel(element.getFieldName());
      path = Paths.field(path, name);
      key.append(key.length() == 0 ? "" : ".").append(name);
      switch (element.getSubscriptCase()) {
        case INDEX -> path = Paths.index(path, (int) element.getIndex());
        case STRING_KEY -> path = Paths.key(path, element.getStringKey());
        default -> { }
      }
    }
    if (proto.getForKey()) {
      key.append("#key");
    }
    Object value = violation.getFieldValue() == null ? null : violation.getFieldValue().getValue();
    Object ruleValue = violation.getRuleValue() == null ? null : violation.getRuleValue().getValue();
    String what = proto.getForKey() ? "key " + Paths.quote(String.valueOf(value)) + " of " + path : path;
    FieldRule field = FIELDS.get(key.toString());
    if (field == null) {
      return new Violation(path, "proto." + proto.getRuleId(), path + ": " + proto.getMessage());
    }
    String was = value instanceof String s ? Paths.quote(s) : String.valueOf(value);
    switch (proto.getRuleId()) {
      case "required":
        return new Violation(path, field.base() + ".required", path + " is required");
      case "string.const":
        return new Violation(path, field.base() + ".value",
            path + " must be \"" + ruleValue + "\", was " + was);
      case "string.min_len":
        return new Violation(path, field.base() + ".required", what + " must not be empty");
      case "string.max_len":
        return new Violation(path, field.base() + ".length", what + " is "
            + (value instanceof String s ? s.codePointCount(0, s.length()) : "?")
            + " characters; at most " + ruleValue + " allowed");
      case "string.pattern":
        return new Violation(path, field.base() + "." + field.patternSuffix(),
            (proto.getForKey() ? what : path) + " " + field.allowed() + (proto.getForKey() ? "" : ", was " + was));
      default:
        return new Violation(path, field.base() + "." + proto.getRuleId(), path + ": " + proto.getMessage());
    }
  }

  private static String camel(String protoName) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : protoName.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
