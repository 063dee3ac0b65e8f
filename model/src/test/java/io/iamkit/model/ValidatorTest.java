package io.iamkit.model;

import static io.iamkit.model.Users.policy;
import static io.iamkit.model.Users.spec;
import static io.iamkit.model.Users.user;
import static io.iamkit.model.Users.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Struct;
import io.iamkit.model.internal.StructJson;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.iamkit.model.proto.SecretDelivery;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorTest {

  /** A policy whose compact size (whitespace not counted) is exactly {@code size}. */
  static Struct policyOfSize(int size) {
    String base = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        + "\"Resource\":\"arn:aws:s3:::b/\"}}";
    int padding = size - base.length();
    String text = base.replace("arn:aws:s3:::b/", "arn:aws:s3:::b/" + "k".repeat(padding));
    Struct policy = policy(text);
    assertThat(StructJson.sizeWithoutWhitespace(policy)).isEqualTo(size);
    return policy;
  }

  @Test
  void userNameOf64CharactersPasses() {
    assertThat(violations(user(spec("a".repeat(64))))).isEmpty();
  }

  @Test
  void userNameOf65CharactersFails() {
    assertThat(violations(user(spec("a".repeat(65))))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "user-name.length"));
  }

  @Test
  void emptyUserNameIsRequired() {
    assertThat(violations(user(spec("")))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "user-name.required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"svc", "a+b=c,d.e@f-g_h", "A1"})
  void userNameCharsetAccepts(String name) {
    assertThat(violations(user(spec(name)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy bot", "svc!", "ünï", "a/b", "tab\there"})
  void userNameCharsetRejects(String name) {
    assertThat(violations(user(spec(name)))).extracting(Violation::rule).containsExactly("user-name.charset");
  }

  @Test
  void inlineAggregateOfExactly2048Passes() {
    AwsIamUserSpec.Builder spec = spec("svc").putInlinePolicies("A", policyOfSize(1000))
        .putInlinePolicies("B", policyOfSize(1048));
    assertThat(violations(user(spec))).isEmpty();
  }

  @Test
  void inlineAggregateOf2049Fails() {
    AwsIamUserSpec.Builder spec = spec("svc").putInlinePolicies("A", policyOfSize(1000))
        .putInlinePolicies("B", policyOfSize(1049));
    Seq<Violation> violations = violations(user(spec));
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.inlinePolicies", "inline-policies.size"));
    assertThat(violations.head().message()).contains("2,049").contains("2,048");
  }

  @Test
  void policyOf2000CharactersMinifiedBut3000PrettyPrintedPasses() {
    StringBuilder actions = new StringBuilder();
    for (int i = 0; i < 75; i++) {
      actions.append(i == 0 ? "" : ",").append("\"s3:GetObjectVersion").append(i).append("\"");
    }
    String base = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[" + actions
        + "],\"Resource\":\"arn:aws:s3:::b/\"}}";
    Struct policy = policy(base.replace("arn:aws:s3:::b/", "arn:aws:s3:::b/" + "k".repeat(2000 - base.length())));
    assertThat(StructJson.sizeWithoutWhitespace(policy)).isEqualTo(2000);
    // the same document as a person would write it: indented, one element per line
    String newline = "\n" + " ".repeat(16);
    String pretty = StructJson.compact(policy).replace(",", "," + newline).replace("{", "{" + newline)
        .replace("[", "[" + newline);
    assertThat(pretty.length()).isGreaterThanOrEqualTo(3000);
    String manifest = "{\"apiVersion\": \"aws.project-planton.org/v1\", \"kind\": \"AwsIamUser\","
        + " \"metadata\": {\"name\": \"pretty\"}, \"spec\": {\"userName\": \"svc\", \"inlinePolicies\": {\"P\": "
        + pretty + "}}}";
    AwsIamUser read = Manifests.parse(manifest, "pretty.json").get().head();
    Struct reread = read.getSpec().getInlinePoliciesOrThrow("P");
    assertThat(reread).isEqualTo(policy);
    assertThat(Validator.create().validate(read).isValid()).isTrue();
    assertThat(violations(user(spec("svc").putInlinePolicies("P", reread)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
      "arn:aws-cn:iam::123456789012:policy/team/a/Custom_Policy+=,.@-",
      "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"})
  void managedPolicyArnsArePartitionAware(String arn) {
    assertThat(violations(user(spec("svc").addManagedPolicyArns(arn)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not-an-arn", "arn:aws:iam::aws:role/ReadOnlyAccess", "arn:aws-eu:iam::aws:policy/X",
      "arn:aws:iam::12345:policy/X", "arn:aws:iam:us-east-1:aws:policy/X", "arn:aws:iam::aws:policy/",
      "arn:aws:s3:::bucket", "arn:aws:iam::aws:policy/bad name"})
  void badManagedPolicyArns(String arn) {
    assertThat(violations(user(spec("svc").addManagedPolicyArns(arn))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.managedPolicyArns[0]", "managed-policy-arn.format"));
  }

  @Test
  void managedPolicyCountFollowsTheOptions() {
    AwsIamUserSpec.Builder spec = spec("svc");
    for (int i = 0; i < 11; i++) {
      spec.addManagedPolicyArns("arn:aws:iam::123456789012:policy/P" + i);
    }
    Seq<Violation> defaults = violations(user(spec));
    assertThat(defaults).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.managedPolicyArns", "managed-policy-arns.count"));
    assertThat(defaults.head().message()).contains("11").contains("at most 10");
    assertThat(Validator.create(new ValidationOptions(20)).validate(user(spec).build()).isValid()).isTrue();
  }

  @Test
  void permissionsBoundaryMustBeAPolicyArn() {
    assertThat(violations(user(spec("svc").setPermissionsBoundary("arn:aws:iam::123456789012:policy/Boundary"))))
        .isEmpty();
    assertThat(violations(user(spec("svc").setPermissionsBoundary("Boundary"))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.permissionsBoundary", "permissions-boundary.format"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/service-accounts/", "/a/b/c/", "/!~/"})
  void goodPaths(String path) {
    assertThat(violations(user(spec("svc").setPath(path)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"svc", "/svc", "svc/", "//", "/a b/", "/ü/"})
  void badPaths(String path) {
    assertThat(violations(user(spec("svc").setPath(path)))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.path", "path.format"));
  }

  @Test
  void pathAtMost512() {
    assertThat(violations(user(spec("svc").setPath("/" + "a".repeat(510) + "/")))).isEmpty();
    assertThat(violations(user(spec("svc").setPath("/" + "a".repeat(511) + "/"))))
        .extracting(Violation::rule).containsExactly("path.length");
  }

  @Test
  void tagLimitsAndCharset() {
    AwsIamUserSpec.Builder spec = spec("svc")
        .putTags("k".repeat(128), "v".repeat(256))
        .putTags("Ünïcode Key 1_.:/=+-@", "値 value");
    assertThat(violations(user(spec))).isEmpty();
    assertThat(violations(user(spec("svc").putTags("k".repeat(129), "v"))))
        .extracting(Violation::rule).containsExactly("tag-key.length");
    assertThat(violations(user(spec("svc").putTags("k", "v".repeat(257)))))
        .extracting(Violation::path, Violation::rule).containsExactly(tuple("spec.tags.k", "tag-value.length"));
    assertThat(violations(user(spec("svc").putTags("", "v"))))
        .extracting(Violation::rule).containsExactly("tag-key.required");
    assertThat(violations(user(spec("svc").putTags("k", "a;b"))))
        .extracting(Violation::rule).containsExactly("tag-value.charset");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws:x", "AWS:x", "Aws:Owner"})
  void awsPrefixIsReservedInAnyCase(String key) {
    assertThat(violations(user(spec("svc").putTags(key, "v")))).extracting(Violation::rule)
        .containsExactly("tag-key.reserved-prefix");
  }

  /** The backends' bookkeeping tags (e.g. direct's iamkit:resource) are ignored by every diff: a spec cannot own them. */
  @ParameterizedTest
  @ValueSource(strings = {"iamkit:resource", "IAMKIT:access-key-id", "Iamkit:x"})
  void iamkitPrefixIsReservedInAnyCase(String key) {
    assertThat(violations(user(spec("svc").putTags(key, "v")))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.tags[\"" + key + "\"]", "tag-key.reserved-prefix"));
    assertThat(violations(user(spec("svc")).setMetadata(Metadata.newBuilder().setName("m").putTags(key, "v"))))
        .extracting(Violation::rule).containsExactly("tag-key.reserved-prefix");
    assertThat(violations(user(spec("svc").putTags("iamkitx:" + key, "v")))).isEmpty();
  }

  @Test
  void atMost50TagsCountingMetadataTags() {
    AwsIamUserSpec.Builder spec = spec("svc");
    for (int i = 0; i < 45; i++) {
      spec.putTags("k" + i, "v");
    }
    Metadata.Builder metadata = Metadata.newBuilder().setName("m");
    for (int i = 0; i < 5; i++) {
      metadata.putTags("m" + i, "v");
    }
    assertThat(violations(user(spec).setMetadata(metadata))).isEmpty();
    metadata.putTags("m5", "v");
    assertThat(violations(user(spec).setMetadata(metadata))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.tags", "tags.count"));
  }

  @Test
  void metadataTagsCollidingWithSpecTags() {
    AwsIamUser.Builder same = user(spec("svc").putTags("Owner", "a"))
        .setMetadata(Metadata.newBuilder().setName("m").putTags("Owner", "a"));
    assertThat(violations(same)).isEmpty();
    AwsIamUser.Builder clash = user(spec("svc").putTags("Owner", "a"))
        .setMetadata(Metadata.newBuilder().setName("m").putTags("owner", "b"));
    assertThat(violations(clash)).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("metadata.tags.owner", "tag-key.duplicate"));
    assertThat(violations(user(spec("svc")).setMetadata(Metadata.newBuilder().setName("m").putTags("aws:x", "b"))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("metadata.tags[\"aws:x\"]", "tag-key.reserved-prefix"));
  }

  @Test
  void metadataTagsInBothFormsAreRejected() {
    AwsIamUser.Builder both = user(spec("svc"))
        .setMetadata(Metadata.newBuilder().setName("m").putTags("a", "b").addTagList("c"));
    assertThat(violations(both)).extracting(Violation::rule).containsExactly("metadata-tags.both-forms");
  }

  @Test
  void secretDeliveryName() {
    assertThat(violations(user(spec("svc").setSecretDelivery(SecretDelivery.newBuilder()
        .setSecretName("iamkit/payment-service_prod+=.@-"))))).isEmpty();
    assertThat(violations(user(spec("svc").setSecretDelivery(SecretDelivery.newBuilder().setSecretName("a b")))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.secretDelivery.secretName", "secret-name.charset"));
    assertThat(violations(user(spec("svc").setSecretDelivery(SecretDelivery.getDefaultInstance()))))
        .extracting(Violation::rule).containsExactly("secret-name.required");
    assertThat(violations(user(spec("svc").setSecretDelivery(SecretDelivery.newBuilder().setSecretName("s".repeat(513))))))
        .extracting(Violation::rule).containsExactly("secret-name.length");
  }

  @Test
  void apiVersionKindMetadataAndSpecAreRequired() {
    assertThat(violations(AwsIamUser.newBuilder())).extracting(Violation::path, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("apiVersion", "api-version.value"),
            tuple("kind", "kind.value"),
            tuple("metadata", "metadata.required"),
            tuple("spec", "spec.required"));
  }

  @Test
  void metadataNameIsRequiredAndShaped() {
    assertThat(violations(user("", spec("svc")))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("metadata.name", "metadata-name.required"));
    assertThat(violations(user("1abc", spec("svc")))).extracting(Violation::rule)
        .containsExactly("metadata-name.charset");
  }

  @Test
  void inlinePolicyNames() {
    Struct ok = policy("{Statement: {Effect: Allow, Action: 's3:GetObject', Resource: '*'}}");
    assertThat(violations(user(spec("svc").putInlinePolicies("a".repeat(128), ok)))).isEmpty();
    assertThat(violations(user(spec("svc").putInlinePolicies("a".repeat(129), ok))))
        .extracting(Violation::rule).containsExactly("inline-policy-name.length");
    assertThat(violations(user(spec("svc").putInlinePolicies("", ok))))
        .extracting(Violation::rule).containsExactly("inline-policy-name.required");
    assertThat(violations(user(spec("svc").putInlinePolicies("has space", ok))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.inlinePolicies[\"has space\"]", "inline-policy-name.charset"));
  }

  @Test
  void policyPathsNameTheStatementAndElement() {
    Struct bad = policy("{Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'},"
        + " {Effect: allow, Action: 's3:GetObject', Resource: '*'}]}");
    assertThat(violations(user(spec("svc").putInlinePolicies("PaymentServiceAccess", bad))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.inlinePolicies.PaymentServiceAccess.Statement[1].Effect", "policy.effect"));
  }

  @Test
  void policyGrammarDetails() {
    Struct bad = policy("{Version: 2008-10-17, Id: x, Extra: 1, Statement: [{Sid: A1, Effect: Allow, "
        + "NotAction: 'bad action', NotResource: [], Condition: {StringEquals: {k: [a, {x: y}]}, 'Bad Op': {k: v}, "
        + "Bool: x}, Princpal: y}, {Sid: A1, Effect: Deny, Action: '*', Resource: 'bucket'}, 42]}");
    String p = "spec.inlinePolicies.P";
    assertThat(violations(user(spec("svc").putInlinePolicies("P", bad))))
        .extracting(Violation::path, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple(p + ".Id", "policy.id.not-allowed"),
            tuple(p + ".Extra", "policy.unknown-key"),
            tuple(p + ".Statement[0].Princpal", "policy.statement.unknown-key"),
            tuple(p + ".Statement[0].NotAction", "policy.action.format"),
            tuple(p + ".Statement[0].NotResource", "policy.resource.type"),
            tuple(p + ".Statement[0].Condition.StringEquals.k", "policy.condition.value"),
            tuple(p + ".Statement[0].Condition[\"Bad Op\"]", "policy.condition.operator"),
            tuple(p + ".Statement[0].Condition.Bool", "policy.condition.type"),
            tuple(p + ".Statement[1].Sid", "policy.sid.duplicate"),
            tuple(p + ".Statement[1].Resource", "policy.resource.format"),
            tuple(p + ".Statement[2]", "policy.statement.type"));
  }

  @Test
  void aResourceIsAnArnWithPartitionServiceRegionAccountAndResourceNotJustTheArnPrefix() {
    // IAM refuses these with MalformedPolicyDocument; passing validation left a half-made user behind
    // (CreateUser done, PutUserPolicy refused).
    for (String resource : java.util.List.of("arn:", "arn:aws", "arn:aws:s3", "arn:aws:s3:us-east-1", "arn:aws::::x",
        "arn::s3:::b")) {
      Struct bad = policy("{Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:GetObject', "
          + "Resource: '" + resource + "'}]}");
      assertThat(violations(user(spec("svc").putInlinePolicies("P", bad)))).as(resource)
          .extracting(Violation::path, Violation::rule)
          .containsExactly(tuple("spec.inlinePolicies.P.Statement[0].Resource", "policy.resource.format"));
    }
    for (String resource : java.util.List.of("*", "arn:aws:s3:::", "arn:aws:s3:::b/*", "arn:*:s3:::b",
        "arn:aws:dynamodb:us-east-1:123456789012:table/T", "arn:aws:s3:::b/${aws:username}/*",
        "arn:aws:iam::${aws:PrincipalAccount}:user/x", "arn:aws:lambda:us-east-1:123456789012:function:F:1")) {
      Struct ok = policy("{Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:GetObject', "
          + "NotResource: '" + resource + "'}]}");
      assertThat(violations(user(spec("svc").putInlinePolicies("P", ok)))).as(resource).isEmpty();
    }
  }

  @Test
  void statementIsRequiredAndNotEmpty() {
    assertThat(violations(user(spec("svc").putInlinePolicies("P", policy("{Version: '2012-10-17'}")))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.inlinePolicies.P.Statement", "policy.statement.required"));
    assertThat(violations(user(spec("svc").putInlinePolicies("P", policy("{Statement: []}")))))
        .extracting(Violation::rule).containsExactly("policy.statement.type");
  }

  @Test
  void singleStatementObjectAndConditionForms() {
    Struct ok = policy("{Version: '2012-10-17', Statement: {Sid: '', Effect: Deny, NotAction: ['iam:*', 's3:Get*'], "
        + "NotResource: 'arn:aws:s3:::b/*', Condition: {'ForAnyValue:StringLike': {'aws:TagKeys': ['a*']}, "
        + "NumericLessThanIfExists: {'aws:MultiFactorAuthAge': 3600}, Bool: {'aws:SecureTransport': false}}}}");
    assertThat(violations(user(spec("svc").putInlinePolicies("P", ok)))).isEmpty();
  }

  @Test
  void allViolationsAreReportedAtOnce() {
    AwsIamUser.Builder user = user("bad name", spec("bad name!").addManagedPolicyArns("x").putTags("aws:a", "b")
        .setPath("nope").putInlinePolicies("P", policy("{Statement: {Effect: Maybe}}")));
    assertThat(violations(user)).extracting(Violation::path).contains(
        "metadata.name", "spec.userName", "spec.managedPolicyArns[0]", "spec.tags[\"aws:a\"]", "spec.path",
        "spec.inlinePolicies.P.Statement.Effect", "spec.inlinePolicies.P.Statement.Action",
        "spec.inlinePolicies.P.Statement.Resource");
  }

  @Test
  void c07_userNamesAreUniqueIgnoringCase() {
    Seq<AwsIamUser> users = List.of(user("first", spec("svc-x")).build(), user("second", spec("SVC-X")).build());
    Seq<Violation> violations = Validator.create().validateAll(users).getError();
    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "user-name.duplicate"));
    assertThat(violations.head().message()).contains("second").contains("\"SVC-X\"").contains("\"svc-x\"")
        .contains("first");
  }

  @Test
  void c07_duplicateManifestsFromTextAreRejected() {
    String text = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: a}\nspec: {userName: svc-x}\n"
        + "---\napiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: b}\nspec: {userName: SVC-X}\n";
    Seq<AwsIamUser> users = Manifests.parse(text, "two.yaml").get();
    assertThat(Validator.create().validateAll(users).getError()).extracting(Violation::rule)
        .containsExactly("user-name.duplicate");
  }

  @Test
  void duplicateMetadataNamesAreRejected() {
    Seq<AwsIamUser> users = List.of(user("same", spec("a")).build(), user("same", spec("b")).build());
    assertThat(Validator.create().validateAll(users).getError()).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("metadata.name", "metadata-name.duplicate"));
  }

  @Test
  void validateAllPrefixesMessagesWithTheManifestName() {
    Seq<AwsIamUser> users = List.of(user("good", spec("a")).build(), user("bad", spec("b c")).build());
    Seq<Violation> violations = Validator.create().validateAll(users).getError();
    assertThat(violations).hasSize(1);
    assertThat(violations.head().message()).startsWith("bad: ");
    assertThat(Validator.create().validateAll(List.of(user("good", spec("a")).build())).isValid()).isTrue();
  }

  @Test
  void deeplyNestedPolicyIsAViolation() {
    com.google.protobuf.Value.Builder deepest = com.google.protobuf.Value.newBuilder().setStringValue("x");
    com.google.protobuf.Value value = deepest.build();
    for (int i = 0; i < 20_000; i++) {
      value = com.google.protobuf.Value.newBuilder()
          .setListValue(com.google.protobuf.ListValue.newBuilder().addValues(value)).build();
    }
    Struct deep = Struct.newBuilder().putFields("Statement", value).build();
    assertThat(violations(user(spec("svc").putInlinePolicies("P", deep))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.inlinePolicies.P", "policy.too-deep"));
  }

  @Test
  void defaultSpecValuesAreValid() {
    assertThat(violations(user(AwsIamUserSpec.newBuilder().setUserName("svc")))).isEmpty();
  }
}
