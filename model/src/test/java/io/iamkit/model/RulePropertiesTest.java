package io.iamkit.model;

import static io.iamkit.model.Users.spec;
import static io.iamkit.model.Users.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.vavr.collection.Seq;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Generated input against the rules: nothing throws, every rejection names a field under the one
 * being checked, and where the rule is a plain pattern the verdict matches an independent oracle.
 * Input comes from {@link Gen}; {@code -Diamkit.test.seed} replays or varies it.
 */
class RulePropertiesTest {
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
  private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]{1,510}/");
  /** How deep {@link #anyValue} nests lists and structs; very deep documents have a property of their own. */
  private static final int VALUE_DEPTH = 6;
  /** Letters, digits and the characters YAML and JSON writers must quote or escape. */
  private static final String TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
      + " :-#'\"{}[],&*!|>%@`/\\üß値\u00e9?~";

  private static Seq<Violation> violations(AwsIamUser user) {
    return Validator.create().validate(user).fold(v -> v, ok -> io.vavr.collection.List.empty());
  }

  private static void everyViolationNamesAField(Seq<Violation> violations, String prefix) {
    for (Violation violation : violations) {
      assertThat(violation.path()).as("%s", violation).startsWith(prefix);
      assertThat(violation.rule()).as("%s", violation).isNotBlank();
      assertThat(violation.message()).as("%s", violation).isNotBlank();
    }
  }

  /** Strings of any kind: empty, ASCII, non-ASCII, control characters, lone surrogates, very long. */
  static String anyString(Gen gen) {
    return gen.oneOf(
        () -> gen.anyChars(0, 80),
        () -> gen.range('!', '~', 0, 140),
        () -> gen.chars("aZ09_+=,.@-", 60, 70),
        () -> gen.chars("äöüßÆ値ЖΩ\u00a0\u2028 ", 0, 40),
        () -> gen.anyChars(10_000, 20_000),
        () -> "");
  }

  @Tries(300)
  void userNameVerdictMatchesTheRule(Gen gen) {
    String name = anyString(gen);
    Seq<Violation> violations = violations(user(spec(name)).build());
    everyViolationNamesAField(violations, "spec.userName");
    assertThat(violations.isEmpty()).as("%s -> %s", name, violations).isEqualTo(USER_NAME.matcher(name).matches());
  }

  static String policyArn(Gen gen) {
    String partition = gen.pick("aws", "aws-cn", "aws-us-gov");
    String account = gen.bool() ? "aws" : gen.range('0', '9', 12, 12);
    List<String> segments = gen.list(0, 3, () -> gen.range('a', 'z', 1, 10));
    String path = segments.isEmpty() ? "" : String.join("/", segments) + "/";
    String name = gen.chars("abcXYZ019_+=,.@-", 1, 128);
    return "arn:" + partition + ":iam::" + account + ":policy/" + path + name;
  }

  @Tries(200)
  void generatedPolicyArnsPass(Gen gen) {
    String arn = policyArn(gen);
    Seq<Violation> violations = violations(user(spec("svc").addManagedPolicyArns(arn).setPermissionsBoundary(arn)).build());
    assertThat(violations).as(arn).isEmpty();
  }

  @Tries(300)
  void anyArnIsJudgedWithoutThrowing(Gen gen) {
    String arn = anyString(gen);
    Seq<Violation> violations = violations(user(spec("svc").addManagedPolicyArns(arn).addManagedPolicyArns(arn)).build());
    everyViolationNamesAField(violations, "spec.managedPolicyArns[");
    // the second copy is always a duplicate, whatever else is wrong with it
    assertThat(violations.map(Violation::path)).contains("spec.managedPolicyArns[1]");
    assertThat(violations.filter(v -> v.path().equals("spec.managedPolicyArns[1]")).map(Violation::rule))
        .as("%s", violations).contains("managed-policy-arn.duplicate");
  }

  /** Slash-delimited printable text around the length limit (510 between the slashes), or anything inside. */
  static String pathLike(Gen gen) {
    int inner = gen.oneOf(() -> gen.between(0, 520), () -> gen.pick(509, 510, 511));
    return "/" + gen.oneOf(() -> gen.range('!', '~', inner, inner), () -> anyString(gen)) + "/";
  }

  /** Half the tries any string, half path-like text, so that both verdicts come up. */
  @Tries(600)
  void pathVerdictMatchesTheRule(Gen gen) {
    String path = gen.bool() ? anyString(gen) : pathLike(gen);
    Seq<Violation> violations = violations(user(spec("svc").setPath(path)).build());
    everyViolationNamesAField(violations, "spec.path");
    boolean expected = path.isEmpty() || PATH.matcher(path).matches();
    assertThat(violations.isEmpty()).as("%s -> %s", path, violations).isEqualTo(expected);
  }

  @Tries(200)
  void anyTagsAreJudgedWithoutThrowing(Gen gen) {
    Map<String, String> specTags = tagMap(gen);
    Map<String, String> metadataTags = tagMap(gen);
    AwsIamUser user = user(spec("svc").putAllTags(specTags))
        .setMetadata(Metadata.newBuilder().setName("m").putAllTags(metadataTags)).build();
    Seq<Violation> violations = violations(user);
    for (Violation violation : violations) {
      assertThat(violation.path()).as("%s", violation).matches("(?s)(spec|metadata)\\.tags.*");
    }
  }

  static Map<String, String> tagMap(Gen gen) {
    return gen.map(60,
        () -> gen.oneOf(
            () -> anyString(gen),
            () -> gen.pick("aws:a", "AWS:b", "Team", "team", "TEAM"),
            () -> gen.chars("Kk:/=+-@_. ü", 1, 130)),
        () -> anyString(gen));
  }

  /** Any protobuf value: every kind, odd numbers, and lists and structs nested a few levels. */
  static Value anyValue(Gen gen, int depth) {
    Value.Builder value = Value.newBuilder();
    int kinds = depth < VALUE_DEPTH ? 8 : 6;
    switch (gen.between(1, kinds)) {
      case 1 -> value.setStringValue(anyString(gen));
      case 2 -> value.setNumberValue(gen.anyDouble());
      case 3 -> value.setNumberValue(gen.pick(Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.0));
      case 4 -> value.setBoolValue(gen.bool());
      case 5 -> value.setNullValue(NullValue.NULL_VALUE);
      case 6 -> { } // no kind set
      case 7 -> value.setListValue(ListValue.newBuilder().addAllValues(gen.list(0, 4, () -> anyValue(gen, depth + 1))));
      default -> value.setStructValue(anyStruct(gen, depth + 1));
    }
    return value.build();
  }

  static Struct anyStruct(Gen gen, int depth) {
    Map<String, Value> fields = gen.map(5,
        () -> gen.oneOf(
            () -> gen.pick("Version", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                "Condition", "Principal", "Id", "StringEquals", "ForAnyValue:StringLike"),
            () -> anyString(gen)),
        () -> anyValue(gen, depth));
    return Struct.newBuilder().putAllFields(fields).build();
  }

  /** Deeply nested documents, built iteratively so the generator itself cannot overflow the stack. */
  static Struct deepStruct(Gen gen) {
    int depth = gen.between(20, 5_000);
    Value value = Value.newBuilder().setStringValue("*").build();
    for (int i = 0; i < depth; i++) {
      value = i % 2 == 0
          ? Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build()
          : Value.newBuilder().setStructValue(Struct.newBuilder().putFields("Statement", value)).build();
    }
    return Struct.newBuilder().putFields("Statement", value).build();
  }

  @Tries(300)
  void anyPolicyDocumentIsJudgedWithoutThrowing(Gen gen) {
    Struct policy = anyStruct(gen, 0);
    String name = anyString(gen);
    Seq<Violation> violations = violations(user(spec("svc").putInlinePolicies(name, policy)).build());
    everyViolationNamesAField(violations, "spec.inlinePolicies");
    Lint.check(user(spec("svc").putInlinePolicies(name, policy)).build());
  }

  @Tries(30)
  void deeplyNestedPolicyIsRejectedWithoutThrowing(Gen gen) {
    Struct policy = deepStruct(gen);
    Seq<Violation> violations = violations(user(spec("svc").putInlinePolicies("P", policy)).build());
    assertThat(violations.map(Violation::rule)).contains("policy.too-deep");
    everyViolationNamesAField(violations, "spec.inlinePolicies.P");
  }

  @Tries(300)
  void anyTextIsReadWithoutThrowing(Gen gen) {
    String text = manifestText(gen);
    var read = Manifests.parse(text, "generated.yaml");
    if (read.isInvalid()) {
      assertThat(read.getError()).allSatisfy(v -> assertThat(v.message()).contains("generated.yaml"));
    } else {
      read.get().forEach(user -> Validator.create().validate(user));
    }
  }

  static String manifestText(Gen gen) {
    String header = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: g}\nspec:\n";
    List<String> lines = gen.list(0, 12, () -> gen.oneOf(
        () -> anyString(gen),
        () -> gen.pick("  userName: x", "  tags: {a: b}", "  inlinePolicies: {P: {Statement: [", "  path: /",
            "---", "  - a", "    Version: 2012-10-17", "  managedPolicyArns: [", "]}", "  &a x", "  *a", "\t", "{", "}",
            "  userName: !!binary aGVsbG8=", "  disableAccessKeys: on", "? complex\n: key", "  userName: 1e400")));
    return header + String.join("\n", lines);
  }

  /** Users whose text is hard to quote (YAML indicators, look-alikes of other types), with finite numbers. */
  static AwsIamUser writableUser(Gen gen) {
    AwsIamUserSpec spec = AwsIamUserSpec.newBuilder()
        .setUserName(text(gen))
        .addAllManagedPolicyArns(gen.list(0, 3, () -> text(gen)))
        .putAllInlinePolicies(gen.map(2, () -> text(gen), () -> writablePolicy(gen)))
        .putAllTags(gen.map(3, () -> text(gen), () -> text(gen)))
        .setDisableAccessKeys(gen.bool())
        .build();
    Metadata metadata = Metadata.newBuilder()
        .setName(text(gen))
        .putAllLabels(gen.map(2, () -> text(gen), () -> text(gen)))
        .addAllTagList(gen.list(0, 2, () -> text(gen)))
        .build();
    return AwsIamUser.newBuilder().setApiVersion("aws.project-planton.org/v1").setKind(text(gen))
        .setMetadata(metadata).setSpec(spec).build();
  }

  private static String text(Gen gen) {
    return gen.chars(TEXT, 0, 30);
  }

  private static Value scalar(Gen gen) {
    Value.Builder value = Value.newBuilder();
    switch (gen.between(1, 5)) {
      case 1 -> value.setStringValue(text(gen));
      case 2 -> value.setStringValue(
          gen.pick("2012-10-17", "yes", "no", "on", "off", "null", "~", "1.0", "0x1F", "1:30", "true", "1e3", ""));
      case 3 -> value.setNumberValue(gen.anyInt());
      case 4 -> value.setNumberValue(gen.between(-1e9, 1e9));
      default -> value.setBoolValue(gen.bool());
    }
    return value.build();
  }

  private static Struct writablePolicy(Gen gen) {
    Map<String, Value> fields = gen.map(4, () -> text(gen), () -> gen.oneOf(
        () -> scalar(gen),
        () -> Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(gen.list(0, 3, () -> scalar(gen)))).build()));
    return Struct.newBuilder().putAllFields(fields).build();
  }

  @Tries(300)
  void writtenManifestsReadBackEqual(Gen gen) {
    AwsIamUser user = writableUser(gen);
    String yaml = Manifests.toYaml(user);
    assertThat(Manifests.parse(yaml, "w.yaml").get()).as(yaml).isEqualTo(io.vavr.collection.List.of(user));
    String json = Manifests.toJson(user);
    assertThat(Manifests.parse(json, "w.json").get()).as(json).isEqualTo(io.vavr.collection.List.of(user));
  }

  @Tries(50)
  void validateAllNeverThrows(Gen gen) {
    AwsIamUser a = writableUser(gen);
    AwsIamUser b = writableUser(gen);
    var result = Validator.create().validateAll(io.vavr.collection.List.of(a, b, a));
    assertThat(result.isInvalid()).isTrue(); // `a` twice: its metadata.name (or empty one) repeats or it is invalid anyway
    List.copyOf(result.getError().asJava()).forEach(v -> assertThat(v.path()).isNotNull());
  }
}
