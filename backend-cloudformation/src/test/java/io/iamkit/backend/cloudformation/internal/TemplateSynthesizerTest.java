package io.iamkit.backend.cloudformation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.iamkit.model.proto.SecretDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TemplateSynthesizerTest {

  /** Run with -Diamkit.updateGoldens=true to rewrite the golden files after a deliberate change. */
  private static final boolean UPDATE_GOLDENS = Boolean.getBoolean("iamkit.updateGoldens");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TemplateSynthesizer synthesizer = new TemplateSynthesizer();

  @ParameterizedTest
  @ValueSource(strings = {"cicd-deployer", "payment-service-user", "compliance-auditor"})
  void canonicalManifestsMatchTheirGoldenTemplates(String name) throws IOException {
    String body = synthesizer.synthesize(TestManifests.load(name)).templateBody();
    String resource = "/golden/" + name + ".template.json";
    if (UPDATE_GOLDENS) {
      Files.writeString(Path.of("src/test/resources" + resource), body, StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as("golden file %s", resource).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
    }
  }

  @Test
  void sameSpecTwiceGivesIdenticalBytes() {
    AwsIamUser user = TestManifests.load("payment-service-user");
    byte[] first = synthesizer.synthesize(user).templateBody().getBytes(StandardCharsets.UTF_8);
    byte[] second =
        new TemplateSynthesizer().synthesize(TestManifests.load("payment-service-user"))
            .templateBody().getBytes(StandardCharsets.UTF_8);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void reorderedMapInsertionAndArnOrderGiveIdenticalBytes() {
    AwsIamUser forward = richUser(false);
    AwsIamUser backward = richUser(true);
    // the two protos really were filled in different orders
    assertThat(List.copyOf(forward.getSpec().getTagsMap().keySet()))
        .isNotEqualTo(List.copyOf(backward.getSpec().getTagsMap().keySet()));
    assertThat(synthesizer.synthesize(backward).templateBody())
        .isEqualTo(synthesizer.synthesize(forward).templateBody());
  }

  @Test
  void cicdDeployerHasKeyDeliveredToTheDefaultSecretAndManagedPoliciesSorted() throws IOException {
    SynthesizedStack stack = synthesizer.synthesize(TestManifests.load("cicd-deployer"));
    JsonNode t = JSON.readTree(stack.templateBody());

    assertThat(stack.stackName()).isEqualTo("iamkit-cicd-deployer");
    assertThat(stack.secretName()).contains("iamkit/cicd-deployer");
    assertThat(resourceTypes(t))
        .containsExactly("AWS::IAM::AccessKey", "AWS::SecretsManager::Secret", "AWS::IAM::User");
    JsonNode user = t.at("/Resources/User/Properties");
    assertThat(user.get("UserName").asText()).isEqualTo("github-actions-deployer");
    assertThat(user.get("Path").asText()).isEqualTo("/");
    assertThat(user.get("ManagedPolicyArns").toString())
        .isEqualTo("[\"arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess\","
            + "\"arn:aws:iam::aws:policy/AmazonECS_FullAccess\"]");
    assertThat(user.has("Tags")).isFalse();
    assertThat(user.has("Policies")).as("inline policies are never written on the user").isFalse();

    JsonNode key = t.at("/Resources/AccessKey/Properties");
    assertThat(key.get("UserName").toString()).isEqualTo("{\"Ref\":\"User\"}");
    assertThat(key.get("Serial").asInt()).isEqualTo(1);
    assertThat(key.get("Status").asText()).isEqualTo("Active");

    JsonNode secret = t.at("/Resources/AccessKeySecret");
    assertThat(secret.at("/Properties/Name").asText()).isEqualTo("iamkit/cicd-deployer");
    assertThat(secret.at("/Properties").has("KmsKeyId")).isFalse();
    assertThat(secret.get("DeletionPolicy").asText()).isEqualTo("Delete");
    assertThat(secret.at("/Properties/SecretString/Fn::Join/1").toString())
        .contains("{\"Fn::GetAtt\":[\"AccessKey\",\"SecretAccessKey\"]}")
        .contains("{\"Ref\":\"AccessKey\"}")
        .contains("{\"Ref\":\"User\"}");
  }

  @Test
  void outputsNeverCarryTheSecretAccessKeyAndThereIsNoUserIdAttribute() throws IOException {
    JsonNode t = JSON.readTree(
        synthesizer.synthesize(TestManifests.load("cicd-deployer")).templateBody());
    assertThat(names(t.get("Outputs")))
        .containsExactly("AccessKeyId", "SecretArn", "UserArn", "UserName");
    assertThat(t.get("Outputs").toString()).doesNotContain("SecretAccessKey");
    assertThat(t.at("/Outputs/SecretArn/Value").toString()).isEqualTo("{\"Ref\":\"AccessKeySecret\"}");
    assertThat(t.at("/Outputs/UserArn/Value").toString())
        .isEqualTo("{\"Fn::GetAtt\":[\"User\",\"Arn\"]}");
    // SecretAccessKey is referenced exactly once: inside the secret's value
    assertThat(t.toString().split("SecretAccessKey", -1)).hasSize(2);
  }

  @Test
  void complianceAuditorWithKeysDisabledHasNoKeyNoSecretAndNoKeyOutputs() throws IOException {
    SynthesizedStack stack = synthesizer.synthesize(TestManifests.load("compliance-auditor"));
    JsonNode t = JSON.readTree(stack.templateBody());
    assertThat(stack.secretName()).isEmpty();
    assertThat(resourceTypes(t)).containsExactly("AWS::IAM::User");
    assertThat(names(t.get("Outputs"))).containsExactly("UserArn", "UserName");
    assertThat(t.at("/Resources/User/Properties/Tags").toString())
        .isEqualTo("[{\"Key\":\"Owner\",\"Value\":\"security-team\"},"
            + "{\"Key\":\"Purpose\",\"Value\":\"compliance-scanning\"}]");
  }

  @Test
  void paymentServiceInlinePolicyIsAnIamPolicyResourceAttachedToTheUser() throws IOException {
    SynthesizedStack stack = synthesizer.synthesize(TestManifests.load("payment-service-user"));
    JsonNode t = JSON.readTree(stack.templateBody());
    assertThat(stack.inlinePolicyLogicalIds()).containsExactly("InlinePolicyPaymentServiceAccess");
    JsonNode policy = t.at("/Resources/InlinePolicyPaymentServiceAccess");
    assertThat(policy.get("Type").asText()).isEqualTo("AWS::IAM::Policy");
    assertThat(policy.at("/Properties/PolicyName").asText()).isEqualTo("PaymentServiceAccess");
    assertThat(policy.at("/Properties/Users").toString()).isEqualTo("[{\"Ref\":\"User\"}]");
    assertThat(policy.at("/Properties/PolicyDocument/Statement/1/Action").asText())
        .isEqualTo("lambda:InvokeFunction");
    assertThat(policy.at("/Properties/PolicyDocument/Version").asText()).isEqualTo("2012-10-17");
  }

  @Test
  void explicitSecretDeliveryNameAndKmsKeyAreUsed() throws IOException {
    AwsIamUser user = TestManifests.load("cicd-deployer").toBuilder()
        .setSpec(TestManifests.load("cicd-deployer").getSpec().toBuilder()
            .setSecretDelivery(SecretDelivery.newBuilder()
                .setSecretName("ci/deployer-key").setKmsKeyId("alias/ci")))
        .build();
    SynthesizedStack stack = synthesizer.synthesize(user);
    JsonNode secret = JSON.readTree(stack.templateBody()).at("/Resources/AccessKeySecret/Properties");
    assertThat(stack.secretName()).contains("ci/deployer-key");
    assertThat(secret.get("Name").asText()).isEqualTo("ci/deployer-key");
    assertThat(secret.get("KmsKeyId").asText()).isEqualTo("alias/ci");
  }

  @Test
  void pathAndPermissionsBoundaryAreWrittenWhenGiven() throws IOException {
    AwsIamUser user = user("svc", AwsIamUserSpec.newBuilder().setUserName("svc")
        .setPath("/service/").setPermissionsBoundary("arn:aws:iam::123456789012:policy/Boundary")
        .setDisableAccessKeys(true));
    JsonNode props = JSON.readTree(synthesizer.synthesize(user).templateBody())
        .at("/Resources/User/Properties");
    assertThat(props.get("Path").asText()).isEqualTo("/service/");
    assertThat(props.get("PermissionsBoundary").asText())
        .isEqualTo("arn:aws:iam::123456789012:policy/Boundary");
  }

  @Test
  void specTagsOverrideMetadataTagsAndBothReachTheUser() throws IOException {
    AwsIamUser user = AwsIamUser.newBuilder()
        .setMetadata(Metadata.newBuilder().setName("svc")
            .putTags("CostCenter", "42").putTags("Owner", "from-metadata"))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName("svc").setDisableAccessKeys(true)
            .putTags("Owner", "from-spec"))
        .build();
    JsonNode tags = JSON.readTree(synthesizer.synthesize(user).templateBody())
        .at("/Resources/User/Properties/Tags");
    assertThat(tags.toString()).isEqualTo("[{\"Key\":\"CostCenter\",\"Value\":\"42\"},"
        + "{\"Key\":\"Owner\",\"Value\":\"from-spec\"}]");
  }

  @Test
  void tagKeysThatCollideIgnoringCaseAcrossMetadataAndSpecAreRejected() {
    AwsIamUser user = AwsIamUser.newBuilder()
        .setMetadata(Metadata.newBuilder().setName("svc").putTags("team", "a"))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName("svc").putTags("Team", "b"))
        .build();
    assertThatThrownBy(() -> synthesizer.synthesize(user))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Team'").hasMessageContaining("'team'");
  }

  @Test
  void wholeNumbersInPolicyDocumentsAreWrittenWithoutAFraction() throws IOException {
    Struct condition = Struct.newBuilder().putFields("NumericLessThan", structValue(
        Struct.newBuilder().putFields("aws:MultiFactorAuthAge", num(3600)).build())).build();
    Struct doc = policy("s3:GetObject").toBuilder().putFields("Statement", Value.newBuilder()
        .setListValue(ListValue.newBuilder().addValues(structValue(Struct.newBuilder()
            .putFields("Effect", str("Allow")).putFields("Action", str("s3:GetObject"))
            .putFields("Resource", str("*")).putFields("Condition", structValue(condition))
            .build()))).build()).build();
    AwsIamUser user = user("svc", AwsIamUserSpec.newBuilder().setUserName("svc")
        .putInlinePolicies("Read", doc));
    String body = synthesizer.synthesize(user).templateBody();
    assertThat(body).contains("\"aws:MultiFactorAuthAge\": 3600\n").doesNotContain("3600.0");
  }

  @Test
  void logicalIdsComeFromNamesAreAlphanumericAndDoNotCollide() {
    assertThat(TemplateSynthesizer.inlinePolicyLogicalId("PaymentServiceAccess"))
        .isEqualTo("InlinePolicyPaymentServiceAccess");
    String dash = TemplateSynthesizer.inlinePolicyLogicalId("s3-read");
    String underscore = TemplateSynthesizer.inlinePolicyLogicalId("s3_read");
    String plain = TemplateSynthesizer.inlinePolicyLogicalId("s3read");
    assertThat(List.of(dash, underscore, plain)).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[A-Za-z0-9]{1,255}"));
    assertThat(dash).startsWith("InlinePolicys3read").hasSize("InlinePolicys3read".length() + 16);
    String longest = TemplateSynthesizer.inlinePolicyLogicalId("-".repeat(128));
    String longestAlnum = TemplateSynthesizer.inlinePolicyLogicalId("a".repeat(127) + ".");
    assertThat(List.of(longest, longestAlnum)).allMatch(id -> id.matches("[A-Za-z0-9]{1,255}"));
  }

  @Test
  void addingAPolicyDoesNotRenameTheOthers() {
    AwsIamUserSpec.Builder spec = AwsIamUserSpec.newBuilder().setUserName("svc")
        .putInlinePolicies("b-policy", policy("s3:GetObject"));
    List<String> before = synthesizer.synthesize(user("svc", spec)).inlinePolicyLogicalIds();
    spec.putInlinePolicies("a-policy", policy("s3:PutObject"));
    List<String> after = synthesizer.synthesize(user("svc", spec)).inlinePolicyLogicalIds();
    assertThat(after).hasSize(2).containsAll(before);
  }

  @Test
  void stackNameIsPrefixedMetadataNameAndInvalidNamesAreRejected() {
    assertThat(TemplateSynthesizer.stackName(TestManifests.load("payment-service-user")))
        .isEqualTo("iamkit-payment-service-user");
    AwsIamUserSpec.Builder spec = AwsIamUserSpec.newBuilder().setUserName("svc");
    for (String bad : List.of("", "has_underscore", "x".repeat(128), "bad?name")) {
      assertThatThrownBy(() -> synthesizer.synthesize(user(bad, spec)))
          .as("metadata.name %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("metadata.name");
    }
  }

  @Test
  void missingUserNameIsRejected() {
    assertThatThrownBy(() -> synthesizer.synthesize(user("svc", AwsIamUserSpec.newBuilder())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec.userName");
  }

  @Test
  void templateUsesUnixLineEndsAndEndsWithOneNewline() {
    String body = synthesizer.synthesize(TestManifests.load("cicd-deployer")).templateBody();
    assertThat(body).doesNotContain("\r").endsWith("}\n").doesNotEndWith("\n\n");
  }

  // ---- helpers

  /** A user with several tags, policies and ARNs, its maps filled forwards or backwards. */
  private static AwsIamUser richUser(boolean backwards) {
    List<String> keys = new ArrayList<>(List.of("Alpha", "Bravo", "Charlie", "Delta"));
    List<String> arns = new ArrayList<>(List.of(
        "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/IAMUserChangePassword"));
    if (backwards) {
      java.util.Collections.reverse(keys);
      java.util.Collections.reverse(arns);
    }
    AwsIamUserSpec.Builder spec = AwsIamUserSpec.newBuilder().setUserName("rich")
        .addAllManagedPolicyArns(arns);
    Metadata.Builder metadata = Metadata.newBuilder().setName("rich");
    for (String k : keys) {
      spec.putTags(k, "v-" + k);
      metadata.putTags("m" + k, k);
      Struct.Builder statement = Struct.newBuilder();
      List<String> fields = new ArrayList<>(List.of("Effect", "Action", "Resource"));
      if (backwards) {
        java.util.Collections.reverse(fields);
      }
      for (String f : fields) {
        statement.putFields(f, str(f.equals("Effect") ? "Allow" : f.equals("Action")
            ? "s3:Get" + k : "*"));
      }
      Struct.Builder doc = Struct.newBuilder();
      if (backwards) {
        doc.putFields("Statement", listOf(structValue(statement.build())));
        doc.putFields("Version", str("2012-10-17"));
      } else {
        doc.putFields("Version", str("2012-10-17"));
        doc.putFields("Statement", listOf(structValue(statement.build())));
      }
      spec.putInlinePolicies("policy-" + k, doc.build());
    }
    return AwsIamUser.newBuilder().setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(metadata).setSpec(spec).build();
  }

  private static AwsIamUser user(String metadataName, AwsIamUserSpec.Builder spec) {
    return AwsIamUser.newBuilder().setMetadata(Metadata.newBuilder().setName(metadataName))
        .setSpec(spec).build();
  }

  static Struct policy(String action) {
    return Struct.newBuilder().putFields("Version", str("2012-10-17"))
        .putFields("Statement", listOf(structValue(Struct.newBuilder()
            .putFields("Effect", str("Allow")).putFields("Action", str(action))
            .putFields("Resource", str("*")).build())))
        .build();
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static Value num(double d) {
    return Value.newBuilder().setNumberValue(d).build();
  }

  private static Value structValue(Struct s) {
    return Value.newBuilder().setStructValue(s).build();
  }

  private static Value listOf(Value... values) {
    return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  private static List<String> resourceTypes(JsonNode template) {
    List<String> types = new ArrayList<>();
    template.get("Resources").forEach(r -> types.add(r.get("Type").asText()));
    return types;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
