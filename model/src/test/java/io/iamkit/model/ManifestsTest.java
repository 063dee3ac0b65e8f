package io.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.AwsIamUserStatus;
import io.iamkit.model.proto.Metadata;
import io.iamkit.model.proto.SecretDelivery;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestsTest {
  private static final String HEADER = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\n";

  private static AwsIamUser parseOne(String yaml) {
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.parse(yaml, "test.yaml");
    assertThat(read.isValid()).as("%s", read).isTrue();
    assertThat(read.get()).hasSize(1);
    return read.get().head();
  }

  private static Seq<Violation> parseErrors(String text, String source) {
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.parse(text, source);
    assertThat(read.isInvalid()).as("expected violations, read %s", read).isTrue();
    return read.getError();
  }

  @Test
  void severalDocumentsInOneFile() {
    String text = HEADER + "metadata: {name: one}\nspec: {userName: svc-one}\n---\n"
        + HEADER + "metadata: {name: two}\nspec: {userName: svc-two}\n---\n";
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.parse(text, "two.yaml");
    assertThat(read.isValid()).as("%s", read).isTrue();
    Seq<AwsIamUser> users = read.get();
    assertThat(users.map(u -> u.getSpec().getUserName())).containsExactly("svc-one", "svc-two");
  }

  @Test
  void emptyTextHasNoUsers() {
    assertThat(Manifests.parse("", "empty.yaml").get()).isEmpty();
    assertThat(Manifests.parse("# only a comment\n", "c.yaml").get()).isEmpty();
  }

  @Test
  void unknownFieldNamesPathLineAndSuggestion() {
    String text = HEADER + "metadata:\n  name: x\nspec:\n  userName: x\n  disableAccesKeys: true\n";
    Seq<Violation> errors = parseErrors(text, "typo.yaml");
    assertThat(errors).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.disableAccesKeys", "manifest.unknown-field"));
    assertThat(errors.head().message()).contains("typo.yaml line 7").contains("did you mean \"disableAccessKeys\"?");
  }

  @Test
  void unknownFieldWithoutCloseNameListsKnownFields() {
    Seq<Violation> errors = parseErrors(HEADER + "metadata: {name: x}\nspec: {userName: x, color: blue}\n", "c.yaml");
    assertThat(errors.head().path()).isEqualTo("spec.color");
    assertThat(errors.head().message()).contains("known fields:").contains("userName");
  }

  @Test
  void everyUnknownFieldIsReportedInOneRun() {
    String text = "apiVersoin: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: x, nmae: y}\n"
        + "spec: {userName: x, tag: {a: b}}\n";
    assertThat(parseErrors(text, "m.yaml")).extracting(Violation::path)
        .containsExactlyInAnyOrder("apiVersoin", "metadata.nmae", "spec.tag");
  }

  @Test
  void unreadableYamlNamesFileAndLine() {
    String text = HEADER + "metadata:\n  name: x\nspec:\n  userName: [unclosed\n  path: /\n";
    Seq<Violation> errors = parseErrors(text, "broken.yaml");
    assertThat(errors).extracting(Violation::rule).containsExactly("manifest.syntax");
    assertThat(errors.head().message()).startsWith("broken.yaml line ").contains("cannot be read");
  }

  @Test
  void unreadableJsonNamesFileAndLine() {
    Seq<Violation> errors = parseErrors("{\n  \"kind\": \"AwsIamUser\",\n  \"spec\": {\n}", "broken.json");
    assertThat(errors.head().rule()).isEqualTo("manifest.syntax");
    assertThat(errors.head().message()).startsWith("broken.json line 4");
  }

  @Test
  void duplicateKeyIsAViolation() {
    Seq<Violation> errors = parseErrors(HEADER + "metadata: {name: x}\nspec:\n  userName: a\n  userName: b\n", "d.yaml");
    assertThat(errors).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "manifest.duplicate-key"));
    assertThat(errors.head().message()).contains("line 6").contains("first on line 5");
  }

  @Test
  void wrongTypesAreViolationsWithPaths() {
    String text = HEADER + "metadata: {name: x}\nspec:\n  userName: {a: b}\n  managedPolicyArns: arn:aws:iam::aws:policy/X\n"
        + "  disableAccessKeys: yes\n  inlinePolicies: {P: [1, 2]}\n";
    assertThat(parseErrors(text, "t.yaml")).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("spec.userName", "manifest.type"),
        tuple("spec.managedPolicyArns", "manifest.type"),
        tuple("spec.disableAccessKeys", "manifest.type"),
        tuple("spec.inlinePolicies.P", "manifest.type"));
  }

  @Test
  void yamlAliasesAreViolationsNotTheirAnchorNames() {
    // A YAML alias must never be read as the text of its anchor's name ("*owner" as "owner"): that
    // would deploy a value nobody wrote. Aliases (and merge keys, whose value is an alias) are refused.
    String text = HEADER + """
        metadata: {name: svc}
        spec:
          userName: &owner svc-owner
          tags:
            Owner: *owner
            Team: &team platform
            Backup: *team
        """;
    Seq<Violation> errors = parseErrors(text, "alias.yaml");
    assertThat(errors).extracting(Violation::path, Violation::rule).containsExactly(
        tuple("spec.tags.Owner", "manifest.yaml-alias"),
        tuple("spec.tags.Backup", "manifest.yaml-alias"));
    assertThat(errors.head().message()).contains("alias.yaml line 7").contains("*owner");
  }

  @Test
  void yamlAliasOfACollectionAndMergeKeysAreViolations() {
    String text = HEADER + """
        base: &base {userName: svc}
        metadata: {name: svc}
        spec:
          <<: *base
          inlinePolicies:
            P:
              Statement:
                - Effect: Allow
                  Action: &actions [s3:GetObject]
                  Resource: "*"
                - Effect: Allow
                  Action: *actions
                  Resource: "*"
        """;
    assertThat(parseErrors(text, "merge.yaml")).extracting(Violation::rule)
        .contains("manifest.yaml-alias")
        .filteredOn(rule -> rule.equals("manifest.yaml-alias")).hasSize(2);
    assertThat(Manifests.parseAndValidate(Validator.create(), text, "merge.yaml").isInvalid()).isTrue();
  }

  @Test
  void anchorsWithoutAliasesAreHarmless() {
    AwsIamUser user = parseOne(HEADER + "metadata: {name: svc}\nspec: {userName: &u svc, tags: {Owner: &o me}}\n");
    assertThat(user.getSpec().getUserName()).isEqualTo("svc");
    assertThat(user.getSpec().getTagsMap()).containsExactly(Map.entry("Owner", "me"));
  }

  @Test
  void nonMappingDocumentIsAViolation() {
    assertThat(parseErrors("just a string\n", "s.yaml").head().rule()).isEqualTo("manifest.not-an-object");
  }

  @Test
  void metadataTagsAsMapBecomeIamTags() {
    AwsIamUser user = parseOne(HEADER + "metadata:\n  name: x\n  tags: {CostCenter: cc-1}\nspec: {userName: x}\n");
    assertThat(user.getMetadata().getTagsMap()).containsExactly(Map.entry("CostCenter", "cc-1"));
    assertThat(user.getMetadata().getTagListList()).isEmpty();
    assertThat(IamTags.effective(user)).containsExactly(Map.entry("CostCenter", "cc-1"));
  }

  @Test
  void metadataTagsAsListAreKeptAsTagList() {
    AwsIamUser user = parseOne(HEADER + "metadata:\n  name: x\n  tags: [payments, prod]\nspec: {userName: x}\n");
    assertThat(user.getMetadata().getTagListList()).containsExactly("payments", "prod");
    assertThat(user.getMetadata().getTagsMap()).isEmpty();
    assertThat(IamTags.effective(user)).isEmpty();
  }

  @Test
  void unquotedVersionDateStaysAString() {
    AwsIamUser user = parseOne(HEADER + "metadata: {name: x}\nspec:\n  userName: x\n  inlinePolicies:\n    P:\n"
        + "      Version: 2012-10-17\n      Statement: {Effect: Allow, Action: 's3:*', Resource: '*'}\n");
    Value version = user.getSpec().getInlinePoliciesOrThrow("P").getFieldsOrThrow("Version");
    assertThat(version.hasStringValue()).isTrue();
    assertThat(version.getStringValue()).isEqualTo("2012-10-17");
  }

  @Test
  void numbersAndBooleansInPoliciesKeepTheirType() {
    AwsIamUser user = parseOne(HEADER + "metadata: {name: x}\nspec:\n  userName: x\n  inlinePolicies:\n    P:\n"
        + "      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Action: s3:GetObject\n"
        + "          Resource: '*'\n          Condition:\n            Bool: {aws:SecureTransport: true}\n"
        + "            NumericLessThan: {aws:MultiFactorAuthAge: 3600}\n"
        + "            StringEquals: {aws:SourceAccount: '123456789012', s3:x: 12345678901234567890}\n");
    Struct condition = user.getSpec().getInlinePoliciesOrThrow("P").getFieldsOrThrow("Statement").getListValue()
        .getValues(0).getStructValue().getFieldsOrThrow("Condition").getStructValue();
    assertThat(condition.getFieldsOrThrow("Bool").getStructValue().getFieldsOrThrow("aws:SecureTransport").getBoolValue())
        .isTrue();
    assertThat(condition.getFieldsOrThrow("NumericLessThan").getStructValue()
        .getFieldsOrThrow("aws:MultiFactorAuthAge").getNumberValue()).isEqualTo(3600d);
    Struct equals = condition.getFieldsOrThrow("StringEquals").getStructValue();
    assertThat(equals.getFieldsOrThrow("aws:SourceAccount").getStringValue()).isEqualTo("123456789012");
    // too large for a double to hold exactly: kept as its digits rather than rounded
    assertThat(equals.getFieldsOrThrow("s3:x").getStringValue()).isEqualTo("12345678901234567890");
    // written back: the number has no fraction
    assertThat(Manifests.toJson(user)).contains("\"aws:MultiFactorAuthAge\" : 3600").contains("\"aws:SecureTransport\" : true");
  }

  @Test
  void numericUserNameIsReadAsItsText() {
    assertThat(parseOne(HEADER + "metadata: {name: x}\nspec: {userName: 12345}\n").getSpec().getUserName())
        .isEqualTo("12345");
  }

  @Test
  void jsonManifestAndJsonArray() {
    String one = "{\"apiVersion\":\"aws.project-planton.org/v1\",\"kind\":\"AwsIamUser\","
        + "\"metadata\":{\"name\":\"j\"},\"spec\":{\"userName\":\"json-user\",\"disable_access_keys\":true}}";
    AwsIamUser user = Manifests.parse(one, "u.json").get().head();
    assertThat(user.getSpec().getUserName()).isEqualTo("json-user");
    assertThat(user.getSpec().getDisableAccessKeys()).isTrue();
    assertThat(Manifests.parse("[" + one + "," + one + "]", "u.json").get()).hasSize(2);
  }

  @Test
  void readsFoldersSortedAndSkipsOtherFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.yml"), HEADER + "metadata: {name: b}\nspec: {userName: b}\n");
    Files.writeString(dir.resolve("a.yaml"), HEADER + "metadata: {name: a}\nspec: {userName: a}\n---\n"
        + HEADER + "metadata: {name: a2}\nspec: {userName: a2}\n");
    Files.writeString(dir.resolve("c.json"), "{\"apiVersion\":\"aws.project-planton.org/v1\",\"kind\":\"AwsIamUser\","
        + "\"metadata\":{\"name\":\"c\"},\"spec\":{\"userName\":\"c\"}}");
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");
    Seq<AwsIamUser> users = Manifests.read(dir).get();
    assertThat(users.map(u -> u.getMetadata().getName())).containsExactly("a", "a2", "b", "c");
  }

  @Test
  void violationsFromSeveralFilesNameTheirFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), HEADER + "metadata: {name: a}\nspec: {usrName: a}\n");
    Files.writeString(dir.resolve("b.yaml"), HEADER + "metadata: {name: b}\nspec: {userName: [x\n");
    Seq<Violation> errors = Manifests.read(dir).getError();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).message()).contains("a.yaml line 4");
    assertThat(errors.get(1).message()).contains("b.yaml");
  }

  @Test
  void missingPathIsAViolation(@TempDir Path dir) {
    Seq<Violation> errors = Manifests.read(dir.resolve("nope.yaml")).getError();
    assertThat(errors.head().rule()).isEqualTo("manifest.io");
    assertThat(errors.head().message()).contains("nope.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"manifests/cicd-deployer.yaml", "manifests/payment-service-user.yaml",
      "manifests/compliance-auditor.yaml"})
  void canonicalManifestsRoundTripThroughYamlAndJson(String file) {
    AwsIamUser user = CaseFiles.user(file);
    assertThat(Manifests.parse(Manifests.toYaml(user), "out.yaml").get()).containsExactly(user);
    assertThat(Manifests.parse(Manifests.toJson(user), "out.json").get()).containsExactly(user);
  }

  @Test
  void everyFieldRoundTrips() {
    Struct condition = Struct.newBuilder()
        .putFields("n", num(0.5)).putFields("true-string", str("true")).putFields("yes", str("yes"))
        .putFields("num-string", str("0123")).putFields("flag", Value.newBuilder().setBoolValue(false).build())
        .build();
    Struct statement = Struct.newBuilder()
        .putFields("Effect", str("Allow")).putFields("Action", str("s3:GetObject")).putFields("Resource", str("*"))
        .putFields("Condition", obj(Struct.newBuilder().putFields("NumericLessThan", obj(condition)).build()))
        .build();
    Struct policy = Struct.newBuilder()
        .putFields("Version", str("2012-10-17"))
        .putFields("Statement", Value.newBuilder().setListValue(ListValue.newBuilder().addValues(obj(statement))).build())
        .build();
    AwsIamUser user = AwsIamUser.newBuilder()
        .setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName("all-fields").setOrg("acme").setEnv("prod").setId("id-1")
            .putLabels("team", "payments").putAnnotations("note", "a: b # not a comment").putTags("CostCenter", "42"))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName("svc.all+fields@x")
            .addManagedPolicyArns("arn:aws-cn:iam::123456789012:policy/team/Custom")
            .putInlinePolicies("Read", policy).setDisableAccessKeys(true).putTags("Owner", "Ünïcode Team")
            .putTags("Empty", "").setPath("/service-accounts/").setPermissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess")
            .setSecretDelivery(SecretDelivery.newBuilder().setSecretName("iamkit/x").setKmsKeyId("alias/k")))
        .setStatus(AwsIamUserStatus.newBuilder().setOutputs(AwsIamUserOutputs.newBuilder()
            .setUserName("svc").setAccessKeyId("AKIAEXAMPLE")))
        .build();
    String yaml = Manifests.toYaml(user);
    assertThat(Manifests.parse(yaml, "all.yaml").get()).as(yaml).containsExactly(user);
    assertThat(Manifests.parse(Manifests.toJson(user), "all.json").get()).containsExactly(user);
    assertThat(yaml).startsWith("apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\n");
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static Value num(double d) {
    return Value.newBuilder().setNumberValue(d).build();
  }

  private static Value obj(Struct s) {
    return Value.newBuilder().setStructValue(s).build();
  }

  @Test
  void yamlQuotesWhatYaml11ReadersWouldMisread() {
    Struct condition = Struct.newBuilder().putFields("a", str("yes")).putFields("b", str("no"))
        .putFields("c", str("1:30")).putFields("d", str("0123")).putFields("e", str("null")).build();
    AwsIamUser user = AwsIamUser.newBuilder().setMetadata(Metadata.newBuilder().setName("q"))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName("1e3").putInlinePolicies("P", Struct.newBuilder()
            .putFields("Version", str("2012-10-17")).putFields("Condition", obj(condition)).build()))
        .build();
    String yaml = Manifests.toYaml(user);
    assertThat(yaml).contains("Version: \"2012-10-17\"").contains("a: \"yes\"").contains("b: \"no\"")
        .contains("c: \"1:30\"").contains("d: \"0123\"").contains("e: \"null\"").contains("userName: \"1e3\"");
    assertThat(Manifests.parse(yaml, "q.yaml").get()).containsExactly(user);
  }

  @Test
  void writingBothMetadataTagFormsIsMisuse() {
    AwsIamUser user = AwsIamUser.newBuilder()
        .setMetadata(Metadata.newBuilder().putTags("a", "b").addTagList("c")).build();
    assertThatThrownBy(() -> Manifests.toYaml(user)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metadata.tags");
  }

  @Test
  void deeplyNestedInputIsAViolationNotAnError() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String text = HEADER + "metadata: {name: x}\nspec: {userName: x, inlinePolicies: {P: {Statement: " + deep + "}}}\n";
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.parse(text, "deep.yaml");
    assertThat(read.isInvalid()).isTrue();
    assertThat(read.getError().head().message()).contains("deep.yaml");
  }

  // ---- reading and validating at once

  @Test
  void readAndValidateReportsReadingAndRuleViolationsOfTheSameManifestTogether(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("svc.yaml");
    Files.writeString(file, HEADER + """
        metadata: {name: svc}
        spec:
          userName: bad name!
          managedPolicyArn: [arn:aws:iam::aws:policy/ReadOnlyAccess]
          tags: {"aws:owner": x}
        """);

    Seq<Violation> violations = Manifests.readAndValidate(Validator.create(), file).getError();

    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("spec.managedPolicyArn", "manifest.unknown-field"),
        tuple("spec.userName", "user-name.charset"),
        tuple("spec.tags[\"aws:owner\"]", "tag-key.reserved-prefix"));
    assertThat(Manifests.read(file).getError()).as("reading alone stops at the reading violation")
        .extracting(Violation::rule).containsExactly("manifest.unknown-field");
  }

  @Test
  void aFieldThatCouldNotBeReadIsNotAlsoReportedAsMissing() {
    Seq<Violation> violations = Manifests.parseAndValidate(Validator.create(), HEADER + """
        metadata: {name: svc}
        spec:
          userName: [a, b]
        """, "svc.yaml").getError();

    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("spec.userName", "manifest.type"));
  }

  @Test
  void readAndValidateChecksTheSetIncludingManifestsReadInPart() {
    Seq<Violation> violations = Manifests.parseAndValidate(Validator.create(), HEADER + """
        metadata: {name: a}
        spec: {userName: svc-x}
        ---
        """ + HEADER + """
        metadata: {name: b}
        spec: {userName: SVC-X, unknown: 1}
        """, "two.yaml").getError();

    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactly(
        tuple("spec.unknown", "manifest.unknown-field"),
        tuple("spec.userName", "user-name.duplicate"));
  }

  @Test
  void readAndValidateOfValidManifestsGivesTheUsers() {
    var result = Manifests.parseAndValidate(Validator.create(), HEADER + """
        metadata: {name: a}
        spec: {userName: svc-a}
        """, "ok.yaml");

    assertThat(result.isValid()).isTrue();
    assertThat(result.get().map(u -> u.getSpec().getUserName())).containsExactly("svc-a");
  }
}
