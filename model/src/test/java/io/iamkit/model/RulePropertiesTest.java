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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated input against the rules: nothing throws, every rejection names a field under the one
 * being checked, and where the rule is a plain pattern the verdict matches an independent oracle.
 */
class RulePropertiesTest {
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");
  private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]{1,510}/");

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
  @Provide
  Arbitrary<String> anyString() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(140),
        Arbitraries.strings().withChars("aZ09_+=,.@-").ofMinLength(60).ofMaxLength(70),
        Arbitraries.strings().withChars("äöüßÆ値ЖΩ\u00a0\u2028 ").ofMaxLength(40),
        Arbitraries.strings().all().ofMinLength(10_000).ofMaxLength(20_000),
        Arbitraries.just(""));
  }

  @Property(tries = 300)
  void userNameVerdictMatchesTheRule(@ForAll("anyString") String name) {
    Seq<Violation> violations = violations(user(spec(name)).build());
    everyViolationNamesAField(violations, "spec.userName");
    assertThat(violations.isEmpty()).as("%s -> %s", name, violations).isEqualTo(USER_NAME.matcher(name).matches());
  }

  @Provide
  Arbitrary<String> policyArn() {
    Arbitrary<String> partition = Arbitraries.of("aws", "aws-cn", "aws-us-gov");
    Arbitrary<String> account = Arbitraries.oneOf(Arbitraries.just("aws"), Arbitraries.strings().numeric().ofLength(12));
    Arbitrary<String> path = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
        .list().ofMaxSize(3).map(segments -> segments.isEmpty() ? "" : String.join("/", segments) + "/");
    Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019_+=,.@-").ofMinLength(1).ofMaxLength(128);
    return Combinators.combine(partition, account, path, name)
        .as((p, a, s, n) -> "arn:" + p + ":iam::" + a + ":policy/" + s + n);
  }

  @Property(tries = 200)
  void generatedPolicyArnsPass(@ForAll("policyArn") String arn) {
    Seq<Violation> violations = violations(user(spec("svc").addManagedPolicyArns(arn).setPermissionsBoundary(arn)).build());
    assertThat(violations).as(arn).isEmpty();
  }

  @Property(tries = 300)
  void anyArnIsJudgedWithoutThrowing(@ForAll("anyString") String arn) {
    Seq<Violation> violations = violations(user(spec("svc").addManagedPolicyArns(arn).addManagedPolicyArns(arn)).build());
    everyViolationNamesAField(violations, "spec.managedPolicyArns[");
    // the second copy is always a duplicate
    assertThat(violations.map(Violation::path)).contains("spec.managedPolicyArns[1]");
  }

  @Property(tries = 300)
  void pathVerdictMatchesTheRule(@ForAll("anyString") String path) {
    Seq<Violation> violations = violations(user(spec("svc").setPath(path)).build());
    everyViolationNamesAField(violations, "spec.path");
    boolean expected = path.isEmpty() || PATH.matcher(path).matches();
    assertThat(violations.isEmpty()).as("%s -> %s", path, violations).isEqualTo(expected);
  }

  @Property(tries = 200)
  void anyTagsAreJudgedWithoutThrowing(
      @ForAll("tagMap") Map<String, String> specTags, @ForAll("tagMap") Map<String, String> metadataTags) {
    AwsIamUser user = user(spec("svc").putAllTags(specTags))
        .setMetadata(Metadata.newBuilder().setName("m").putAllTags(metadataTags)).build();
    Seq<Violation> violations = violations(user);
    for (Violation violation : violations) {
      assertThat(violation.path()).as("%s", violation).matches("(?s)(spec|metadata)\\.tags.*");
    }
  }

  @Provide
  Arbitrary<Map<String, String>> tagMap() {
    Arbitrary<String> keys = Arbitraries.oneOf(anyString(), Arbitraries.of("aws:a", "AWS:b", "Team", "team", "TEAM"),
        Arbitraries.strings().withChars("Kk:/=+-@_. ü").ofMinLength(1).ofMaxLength(130));
    return Arbitraries.maps(keys, anyString()).ofMaxSize(60);
  }

  @Provide
  Arbitrary<Value> anyValue() {
    return Arbitraries.lazyOf(
        () -> anyString().map(s -> Value.newBuilder().setStringValue(s).build()),
        () -> Arbitraries.doubles().map(d -> Value.newBuilder().setNumberValue(d).build()),
        () -> Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.0)
            .map(d -> Value.newBuilder().setNumberValue(d).build()),
        () -> Arbitraries.of(true, false).map(b -> Value.newBuilder().setBoolValue(b).build()),
        () -> Arbitraries.just(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()),
        () -> Arbitraries.just(Value.getDefaultInstance()),
        () -> anyValue().list().ofMaxSize(4)
            .map(items -> Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(items)).build()),
        () -> anyStruct().map(s -> Value.newBuilder().setStructValue(s).build()));
  }

  @Provide
  Arbitrary<Struct> anyStruct() {
    Arbitrary<String> keys = Arbitraries.oneOf(
        Arbitraries.of("Version", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
            "Condition", "Principal", "Id", "StringEquals", "ForAnyValue:StringLike"),
        anyString());
    return Arbitraries.maps(keys, anyValue()).ofMaxSize(5).map(fields -> Struct.newBuilder().putAllFields(fields).build());
  }

  /** Deeply nested documents, built iteratively so the generator itself cannot overflow the stack. */
  @Provide
  Arbitrary<Struct> deepStruct() {
    return Arbitraries.integers().between(20, 5_000).map(depth -> {
      Value value = Value.newBuilder().setStringValue("*").build();
      for (int i = 0; i < depth; i++) {
        value = i % 2 == 0
            ? Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build()
            : Value.newBuilder().setStructValue(Struct.newBuilder().putFields("Statement", value)).build();
      }
      return Struct.newBuilder().putFields("Statement", value).build();
    });
  }

  @Property(tries = 300)
  void anyPolicyDocumentIsJudgedWithoutThrowing(@ForAll("anyStruct") Struct policy, @ForAll("anyString") String name) {
    Seq<Violation> violations = violations(user(spec("svc").putInlinePolicies(name, policy)).build());
    everyViolationNamesAField(violations, "spec.inlinePolicies");
    Lint.check(user(spec("svc").putInlinePolicies(name, policy)).build());
  }

  @Property(tries = 30)
  void deeplyNestedPolicyIsRejectedWithoutThrowing(@ForAll("deepStruct") Struct policy) {
    Seq<Violation> violations = violations(user(spec("svc").putInlinePolicies("P", policy)).build());
    assertThat(violations.map(Violation::rule)).contains("policy.too-deep");
    everyViolationNamesAField(violations, "spec.inlinePolicies.P");
  }

  @Property(tries = 300)
  void anyTextIsReadWithoutThrowing(@ForAll("manifestText") String text) {
    var read = Manifests.parse(text, "generated.yaml");
    if (read.isInvalid()) {
      assertThat(read.getError()).allSatisfy(v -> assertThat(v.message()).contains("generated.yaml"));
    } else {
      read.get().forEach(user -> Validator.create().validate(user));
    }
  }

  @Provide
  Arbitrary<String> manifestText() {
    String header = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: g}\nspec:\n";
    Arbitrary<String> line = Arbitraries.oneOf(
        anyString(),
        Arbitraries.of("  userName: x", "  tags: {a: b}", "  inlinePolicies: {P: {Statement: [", "  path: /",
            "---", "  - a", "    Version: 2012-10-17", "  managedPolicyArns: [", "]}", "  &a x", "  *a", "\t", "{", "}",
            "  userName: !!binary aGVsbG8=", "  disableAccessKeys: on", "? complex\n: key", "  userName: 1e400"));
    return line.list().ofMaxSize(12).map(lines -> header + String.join("\n", lines));
  }

  @Provide
  Arbitrary<AwsIamUser> writableUser() {
    Arbitrary<String> text = Arbitraries.strings().alpha().numeric().withChars(" :-#'\"{}[],&*!|>%@`/\\üß値\u00e9?~")
        .ofMaxLength(30);
    Arbitrary<Value> scalar = Arbitraries.oneOf(
        text.map(s -> Value.newBuilder().setStringValue(s).build()),
        Arbitraries.of("2012-10-17", "yes", "no", "on", "off", "null", "~", "1.0", "0x1F", "1:30", "true", "1e3", "")
            .map(s -> Value.newBuilder().setStringValue(s).build()),
        Arbitraries.integers().map(i -> Value.newBuilder().setNumberValue(i).build()),
        Arbitraries.doubles().between(-1e9, 1e9).map(d -> Value.newBuilder().setNumberValue(d).build()),
        Arbitraries.of(true, false).map(b -> Value.newBuilder().setBoolValue(b).build()));
    Arbitrary<Struct> policy = Arbitraries.maps(text, Arbitraries.oneOf(scalar,
            scalar.list().ofMaxSize(3).map(l -> Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(l)).build())))
        .ofMaxSize(4).map(m -> Struct.newBuilder().putAllFields(m).build());
    Arbitrary<AwsIamUserSpec> spec = Combinators.combine(
            text, text.list().ofMaxSize(3), Arbitraries.maps(text, policy).ofMaxSize(2),
            Arbitraries.maps(text, text).ofMaxSize(3), Arbitraries.of(true, false))
        .as((userName, arns, policies, tags, disabled) -> AwsIamUserSpec.newBuilder()
            .setUserName(userName).addAllManagedPolicyArns(arns).putAllInlinePolicies(policies).putAllTags(tags)
            .setDisableAccessKeys(disabled).build());
    Arbitrary<Metadata> metadata = Combinators.combine(text, Arbitraries.maps(text, text).ofMaxSize(2), text.list().ofMaxSize(2))
        .as((name, labels, tagList) -> Metadata.newBuilder().setName(name).putAllLabels(labels).addAllTagList(tagList).build());
    return Combinators.combine(text, metadata, spec)
        .as((kind, m, s) -> AwsIamUser.newBuilder().setApiVersion("aws.project-planton.org/v1").setKind(kind)
            .setMetadata(m).setSpec(s).build());
  }

  @Property(tries = 300)
  void writtenManifestsReadBackEqual(@ForAll("writableUser") AwsIamUser user) {
    String yaml = Manifests.toYaml(user);
    assertThat(Manifests.parse(yaml, "w.yaml").get()).as(yaml).isEqualTo(io.vavr.collection.List.of(user));
    String json = Manifests.toJson(user);
    assertThat(Manifests.parse(json, "w.json").get()).as(json).isEqualTo(io.vavr.collection.List.of(user));
  }

  @Property(tries = 50)
  void validateAllNeverThrows(@ForAll("writableUser") AwsIamUser a, @ForAll("writableUser") AwsIamUser b) {
    var result = Validator.create().validateAll(io.vavr.collection.List.of(a, b, a));
    assertThat(result.isInvalid()).isTrue(); // `a` twice: its metadata.name (or empty one) repeats or it is invalid anyway
    List.copyOf(result.getError().asJava()).forEach(v -> assertThat(v.path()).isNotNull());
  }
}
