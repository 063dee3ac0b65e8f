package io.iamkit.backend.cloudformation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns one {@link AwsIamUser} into a CloudFormation template (JSON), deterministically: the same
 * spec always gives the same bytes, whatever order its maps were filled in. Object keys are written
 * in a fixed order (resources by logical id, properties in the order below, policy-document keys
 * sorted), tags are sorted by key, managed policy ARNs are sorted (IAM attachments are a set, so a
 * reordered list is no change), line ends are {@code \n} and the text ends with one newline.
 *
 * <p>The spec must already have passed {@code io.iamkit.model.Validator}; the synthesizer only
 * rejects input it cannot express at all (missing user name, a metadata name that makes no valid
 * stack name) with {@link IllegalArgumentException}.
 *
 * <h2>What the template contains</h2>
 *
 * <ul>
 *   <li>{@code User} ({@code AWS::IAM::User}): {@code UserName}; {@code Path} (always written,
 *       {@code /} when the spec has none); {@code PermissionsBoundary} when given;
 *       {@code ManagedPolicyArns} when any; {@code Tags} when any: the entries of
 *       {@code metadata.tags} (the map form) and of {@code spec.tags}, where {@code spec.tags} wins
 *       for the same key. Keys that differ only in case across the two maps are rejected here,
 *       because IAM treats them as one key.
 *   <li>One {@code AWS::IAM::Policy} per inline policy, attached through {@code Users: [Ref User]}.
 *       Inline policies are deliberately <em>not</em> written as {@code Policies} on the user:
 *       both forms are valid on AWS, but moto's CloudFormation ignores {@code Policies} on
 *       {@code AWS::IAM::User} and LocalStack 4.14 does too, while {@code AWS::IAM::Policy} with
 *       {@code Users} is honoured by both. One resource per policy also makes a change to one
 *       policy show up in a change set as a change to exactly that resource. The policy document
 *       is copied from the spec with its keys sorted; numbers that are whole are written without a
 *       fraction ({@code 3600}, not {@code 3600.0}), because {@code google.protobuf.Struct} stores
 *       every number as a double.
 *   <li>{@code AccessKey} ({@code AWS::IAM::AccessKey}) unless {@code spec.disableAccessKeys}:
 *       {@code UserName: Ref User}, {@code Serial} (1 unless the caller asks for a rotation, see
 *       {@link #synthesize(AwsIamUser, int)}), {@code Status: Active}. A user rename
 *       replaces the key (CloudFormation replaces an access key whose {@code UserName} changes).
 *   <li>{@code AccessKeySecret} ({@code AWS::SecretsManager::Secret}) whenever there is an access
 *       key. On this backend the key is <b>always</b> delivered to Secrets Manager: CloudFormation
 *       exposes {@code SecretAccessKey} only as an attribute usable inside the template, and the
 *       only other way out would be a stack output, which iamkit never uses for the secret (outputs
 *       are readable by anyone with {@code cloudformation:DescribeStacks}, and the secret must not
 *       pass through our process during apply). So the secret value is assembled inside the
 *       template ({@code Fn::Join} of {@code Ref AccessKey}, {@code Fn::GetAtt AccessKey
 *       .SecretAccessKey} and {@code Ref User}) as the JSON object {@code {"accessKeyId": ...,
 *       "secretAccessKey": ..., "userName": ...}} documented on {@code SecretDelivery}, and the
 *       caller reads it from Secrets Manager on request. The secret is named
 *       {@code spec.secretDelivery.secretName} when given, otherwise {@value #DEFAULT_SECRET_PREFIX}
 *       followed by {@code metadata.name}. The default uses {@code metadata.name} rather than the
 *       user name because it is always a valid secret name (user names may contain {@code ,},
 *       which Secrets Manager rejects) and it stays the same when the user is renamed, so the
 *       secret is updated in place instead of replaced. {@code KmsKeyId} is written when given.
 *       {@code DeletionPolicy} and {@code UpdateReplacePolicy} are {@code Delete}: iamkit's destroy
 *       leaves nothing, and removing a secret that is still pending deletion (so that the same
 *       name can be created again) is the backend's job, not the template's.
 * </ul>
 *
 * <p>Outputs: {@code UserArn} ({@code Fn::GetAtt User.Arn}), {@code UserName} ({@code Ref User}),
 * and with a key {@code AccessKeyId} ({@code Ref AccessKey}) and {@code SecretArn}
 * ({@code Ref AccessKeySecret}, which is the secret's ARN). Never the secret access key. There is no
 * {@code UserId} output: {@code AWS::IAM::User} has no attribute for the user's unique id, so the
 * backend reads it from IAM ({@code GetUser}) after apply.
 *
 * <h2>Logical ids</h2>
 *
 * Fixed ids {@code User}, {@code AccessKey}, {@code AccessKeySecret}; an inline policy's id is
 * {@code InlinePolicy} followed by its name when the name is purely alphanumeric, and otherwise by
 * the name's alphanumeric characters plus the first 16 hex digits of the SHA-256 of the full name
 * (so {@code s3-read} and {@code s3_read} stay apart). The id depends on the policy's own name only,
 * never on its position or on the other policies, so adding or removing one policy never renames
 * another (a rename would make CloudFormation create the "new" policy, then delete the "old" one
 * with the same IAM name, leaving the user without it). Ids are at most 12 + 128 + 16 characters,
 * under CloudFormation's limit of 255; uniqueness is checked on every synthesis.
 *
 * <h2>Stack name</h2>
 *
 * {@value #STACK_PREFIX} followed by {@code metadata.name}. {@code metadata.name} matches
 * {@code [a-zA-Z][a-zA-Z0-9-]*} with at most 63 characters, so the stack name always matches
 * CloudFormation's {@code [a-zA-Z][-a-zA-Z0-9]{0,127}}; anything else is rejected.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TemplateSynthesizer {

  /** Prefix of every stack iamkit creates. */
  public static final String STACK_PREFIX = "iamkit-";

  /** Prefix of the default secret name; {@code metadata.name} follows. */
  public static final String DEFAULT_SECRET_PREFIX = "iamkit/";

  /** The access key {@code Serial} of a key that was never rotated. */
  public static final int FIRST_SERIAL = 1;

  /** Logical id of the {@code AWS::IAM::User}. */
  public static final String USER = "User";
  /** Logical id of the {@code AWS::IAM::AccessKey}. */
  public static final String ACCESS_KEY = "AccessKey";
  /** Logical id of the {@code AWS::SecretsManager::Secret} holding the key. */
  public static final String SECRET = "AccessKeySecret";
  static final String INLINE_POLICY_PREFIX = "InlinePolicy";

  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");
  private static final int MAX_LOGICAL_ID = 255;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter WRITER = prettyWriter();

  /** Synthesizes the stack for one (validated) user, with access key {@code Serial} 1. */
  public SynthesizedStack synthesize(AwsIamUser user) {
    return synthesize(user, FIRST_SERIAL);
  }

  /**
   * Synthesizes the stack for one (validated) user with the given access key {@code Serial}.
   * CloudFormation replaces an {@code AWS::IAM::AccessKey} whose {@code Serial} grows: the backend
   * raises it only to replace a stack-owned key that no longer exists in IAM. The same spec and
   * serial always give the same bytes.
   *
   * @throws IllegalArgumentException if {@code accessKeySerial} is below 1
   */
  public SynthesizedStack synthesize(AwsIamUser user, int accessKeySerial) {
    if (accessKeySerial < FIRST_SERIAL) {
      throw new IllegalArgumentException("access key serial must be at least 1, was " + accessKeySerial);
    }
    String stackName = stackName(user);
    AwsIamUserSpec spec = user.getSpec();
    if (spec.getUserName().isEmpty()) {
      throw new IllegalArgumentException("spec.userName is empty; validate the spec first");
    }

    SortedMap<String, JsonNode> resources = new TreeMap<>();
    resources.put(USER, userResource(user));

    List<String> policyIds = new ArrayList<>();
    Map<String, String> policyNameById = new TreeMap<>();
    for (String policyName : new TreeSet<>(spec.getInlinePoliciesMap().keySet())) {
      String id = inlinePolicyLogicalId(policyName);
      String clash = policyNameById.put(id, policyName);
      if (clash != null || resources.containsKey(id)) {
        throw new IllegalStateException(
            "inline policies '" + clash + "' and '" + policyName + "' map to one logical id " + id);
      }
      resources.put(id, policyResource(policyName, spec.getInlinePoliciesMap().get(policyName)));
      policyIds.add(id);
    }

    SortedMap<String, JsonNode> outputs = new TreeMap<>();
    outputs.put("UserArn", output("ARN of the IAM user", getAtt(USER, "Arn")));
    outputs.put("UserName", output("Name of the IAM user", ref(USER)));

    Optional<String> secretName = Optional.empty();
    if (!spec.getDisableAccessKeys()) {
      secretName = Optional.of(secretName(user));
      resources.put(ACCESS_KEY, accessKeyResource(accessKeySerial));
      resources.put(SECRET, secretResource(spec, secretName.get(), stackName));
      outputs.put("AccessKeyId", output("Id of the user's access key", ref(ACCESS_KEY)));
      outputs.put(
          "SecretArn",
          output("ARN of the Secrets Manager secret holding the access key", ref(SECRET)));
    }

    ObjectNode template = NODES.objectNode();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put(
        "Description",
        "iamkit: IAM user " + spec.getUserName() + " (" + user.getMetadata().getName() + ")");
    ObjectNode resourcesNode = template.putObject("Resources");
    resources.forEach(resourcesNode::set);
    ObjectNode outputsNode = template.putObject("Outputs");
    outputs.forEach(outputsNode::set);

    return new SynthesizedStack(stackName, write(template), secretName, policyIds);
  }

  /** The stack that holds this user: {@value #STACK_PREFIX} + {@code metadata.name}. */
  public static String stackName(AwsIamUser user) {
    String name = STACK_PREFIX + user.getMetadata().getName();
    if (user.getMetadata().getName().isEmpty() || !STACK_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "metadata.name '" + user.getMetadata().getName()
              + "' gives no valid stack name; validate the spec first");
    }
    return name;
  }

  /** The Secrets Manager secret the access key is delivered to (whether or not keys are enabled). */
  public static String secretName(AwsIamUser user) {
    AwsIamUserSpec spec = user.getSpec();
    if (spec.hasSecretDelivery() && !spec.getSecretDelivery().getSecretName().isEmpty()) {
      return spec.getSecretDelivery().getSecretName();
    }
    stackName(user); // same precondition on metadata.name
    return DEFAULT_SECRET_PREFIX + user.getMetadata().getName();
  }

  /** Logical id of the {@code AWS::IAM::Policy} for one inline policy name. */
  static String inlinePolicyLogicalId(String policyName) {
    if (policyName.isEmpty()) {
      throw new IllegalArgumentException("empty inline policy name; validate the spec first");
    }
    String id;
    if (ALPHANUMERIC.matcher(policyName).matches()) {
      id = INLINE_POLICY_PREFIX + policyName;
    } else {
      String kept = NOT_ALPHANUMERIC.matcher(policyName).replaceAll("");
      id = INLINE_POLICY_PREFIX + kept + sha256Hex(policyName).substring(0, 16);
    }
    if (id.length() > MAX_LOGICAL_ID) {
      throw new IllegalArgumentException(
          "inline policy name of " + policyName.length() + " characters; validate the spec first");
    }
    return id;
  }

  private static ObjectNode userResource(AwsIamUser user) {
    AwsIamUserSpec spec = user.getSpec();
    ObjectNode props = NODES.objectNode();
    props.put("UserName", spec.getUserName());
    props.put("Path", spec.getPath().isEmpty() ? "/" : spec.getPath());
    if (!spec.getPermissionsBoundary().isEmpty()) {
      props.put("PermissionsBoundary", spec.getPermissionsBoundary());
    }
    if (spec.getManagedPolicyArnsCount() > 0) {
      ArrayNode arns = props.putArray("ManagedPolicyArns");
      new TreeSet<>(spec.getManagedPolicyArnsList()).forEach(arns::add);
    }
    SortedMap<String, String> tags = tags(user);
    if (!tags.isEmpty()) {
      ArrayNode list = props.putArray("Tags");
      tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    }
    return resource("AWS::IAM::User", props);
  }

  /** metadata.tags (map form) overlaid with spec.tags, sorted by key. */
  static SortedMap<String, String> tags(AwsIamUser user) {
    SortedMap<String, String> tags = new TreeMap<>(user.getMetadata().getTagsMap());
    tags.putAll(user.getSpec().getTagsMap());
    Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String key : tags.keySet()) {
      String other = seen.put(key, key);
      if (other != null) {
        throw new IllegalArgumentException(
            "tag keys '" + other + "' and '" + key
                + "' (metadata.tags and spec.tags together) differ only in case; IAM treats them"
                + " as one key");
      }
    }
    return tags;
  }

  private static ObjectNode policyResource(String policyName, Struct document) {
    ObjectNode props = NODES.objectNode();
    props.put("PolicyName", policyName);
    props.set("PolicyDocument", toJson(document));
    props.putArray("Users").add(ref(USER));
    return resource("AWS::IAM::Policy", props);
  }

  private static ObjectNode accessKeyResource(int serial) {
    ObjectNode props = NODES.objectNode();
    props.set("UserName", ref(USER));
    props.put("Serial", serial);
    props.put("Status", "Active");
    return resource("AWS::IAM::AccessKey", props);
  }

  private static ObjectNode secretResource(AwsIamUserSpec spec, String name, String stackName) {
    ObjectNode props = NODES.objectNode();
    props.put("Name", name);
    props.put(
        "Description",
        "Access key of IAM user " + spec.getUserName() + ", managed by iamkit stack " + stackName);
    if (spec.hasSecretDelivery() && !spec.getSecretDelivery().getKmsKeyId().isEmpty()) {
      props.put("KmsKeyId", spec.getSecretDelivery().getKmsKeyId());
    }
    ArrayNode parts = NODES.arrayNode();
    parts.add("{\"accessKeyId\":\"");
    parts.add(ref(ACCESS_KEY));
    parts.add("\",\"secretAccessKey\":\"");
    parts.add(getAtt(ACCESS_KEY, "SecretAccessKey"));
    parts.add("\",\"userName\":\"");
    parts.add(ref(USER));
    parts.add("\"}");
    ArrayNode join = NODES.arrayNode().add("").add(parts);
    props.set("SecretString", NODES.objectNode().set("Fn::Join", join));
    ObjectNode resource = resource("AWS::SecretsManager::Secret", props);
    resource.put("DeletionPolicy", "Delete");
    resource.put("UpdateReplacePolicy", "Delete");
    return resource;
  }

  private static ObjectNode resource(String type, ObjectNode properties) {
    ObjectNode node = NODES.objectNode();
    node.put("Type", type);
    node.set("Properties", properties);
    return node;
  }

  private static ObjectNode output(String description, JsonNode value) {
    ObjectNode node = NODES.objectNode();
    node.put("Description", description);
    node.set("Value", value);
    return node;
  }

  private static ObjectNode ref(String logicalId) {
    return NODES.objectNode().put("Ref", logicalId);
  }

  private static ObjectNode getAtt(String logicalId, String attribute) {
    ObjectNode node = NODES.objectNode();
    node.putArray("Fn::GetAtt").add(logicalId).add(attribute);
    return node;
  }

  /** A protobuf Struct as JSON, object keys sorted, whole numbers without a fraction. */
  static JsonNode toJson(Struct struct) {
    ObjectNode node = NODES.objectNode();
    new TreeMap<>(struct.getFieldsMap()).forEach((k, v) -> node.set(k, toJson(v)));
    return node;
  }

  private static JsonNode toJson(Value value) {
    switch (value.getKindCase()) {
      case NULL_VALUE:
        return NODES.nullNode();
      case BOOL_VALUE:
        return NODES.booleanNode(value.getBoolValue());
      case STRING_VALUE:
        return NODES.textNode(value.getStringValue());
      case NUMBER_VALUE:
        return number(value.getNumberValue());
      case STRUCT_VALUE:
        return toJson(value.getStructValue());
      case LIST_VALUE:
        return toJson(value.getListValue());
      default:
        throw new IllegalArgumentException("policy document holds a value with no kind");
    }
  }

  private static JsonNode toJson(ListValue list) {
    ArrayNode node = NODES.arrayNode();
    list.getValuesList().forEach(v -> node.add(toJson(v)));
    return node;
  }

  private static JsonNode number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("policy document holds a non-finite number");
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return NODES.numberNode((long) d);
    }
    return NODES.numberNode(d);
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String write(ObjectNode template) {
    try {
      return WRITER.writeValueAsString(template) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tree of plain JSON nodes", e);
    }
  }

  private static ObjectWriter prettyWriter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    return new ObjectMapper().writer(printer);
  }
}
