package io.iamkit.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.Metadata;
import java.util.List;
import java.util.regex.Pattern;

/** Writes {@link AwsIamUser} as a manifest (camelCase field names, defaults left out). */
public final class ManifestWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .stringQuotingChecker(new YamlQuoting())
      .build());

  /**
   * Quotes, beyond Jackson's defaults, values that YAML 1.1 readers would turn into something else:
   * dates and timestamps ({@code 2012-10-17}), sexagesimal numbers ({@code 1:30}) and the like.
   */
  private static final class YamlQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Pattern YAML11_SCALAR = Pattern.compile(
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|[-+]?[0-9._]+|~|y|n|Y|N");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || YAML11_SCALAR.matcher(value).matches();
    }

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || YAML11_SCALAR.matcher(name).matches();
    }
  }

  private ManifestWriter() {}

  public static String toYaml(AwsIamUser user) {
    try {
      return YAML.writeValueAsString(toTree(user));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  public static String toJson(AwsIamUser user) {
    try {
      return JSON.writeValueAsString(toTree(user)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static ObjectNode toTree(AwsIamUser user) {
    Metadata metadata = user.getMetadata();
    if (metadata.getTagsCount() > 0 && metadata.getTagListCount() > 0) {
      throw new IllegalArgumentException(
          "metadata.tags is either a map (IAM tags) or a list; a manifest cannot hold both");
    }
    return messageTree(user);
  }

  private static ObjectNode messageTree(Message message) {
    ObjectNode node = NODES.objectNode();
    boolean isMetadata = message.getDescriptorForType().equals(Metadata.getDescriptor());
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      String name = field.getJsonName();
      if (isMetadata && field.getNumber() == Metadata.TAG_LIST_FIELD_NUMBER) {
        name = "tags";
      }
      if (field.isRepeated()) {
        if (message.getRepeatedFieldCount(field) == 0) {
          continue;
        }
        if (field.isMapField()) {
          ObjectNode map = NODES.objectNode();
          for (Object entry : (List<?>) message.getField(field)) {
            MapEntry<?, ?> mapEntry = (MapEntry<?, ?>) entry;
            map.set(String.valueOf(mapEntry.getKey()), single(mapEntry.getValue()));
          }
          node.set(name, map);
        } else {
          ArrayNode array = NODES.arrayNode();
          for (Object item : (List<?>) message.getField(field)) {
            array.add(single(item));
          }
          node.set(name, array);
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (message.hasField(field)) {
          node.set(name, single(message.getField(field)));
        }
      } else if (message.hasField(field)) { // proto3: set means not the default
        node.set(name, single(message.getField(field)));
      }
    }
    return node;
  }

  private static JsonNode single(Object value) {
    if (value instanceof Struct struct) {
      return StructJson.toTree(struct);
    }
    if (value instanceof Message message) {
      return messageTree(message);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(String.valueOf(value));
  }
}
