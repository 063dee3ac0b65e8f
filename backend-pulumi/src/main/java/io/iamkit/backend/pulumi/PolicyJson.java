package io.iamkit.backend.pulumi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * Renders a policy document held as a protobuf {@link Struct} as compact JSON, keeping the key
 * order of the manifest. Numbers that are whole (protobuf keeps every number as a double) are
 * written without a fraction, so a condition value {@code 3600} stays {@code 3600}, not
 * {@code 3600.0}.
 */
final class PolicyJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PolicyJson() {}

  static String toJson(Struct document) {
    return write(object(document));
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static ObjectNode object(Struct struct) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      node.set(field.getKey(), value(field.getValue()));
    }
    return node;
  }

  private static JsonNode value(Value value) {
    switch (value.getKindCase()) {
      case NULL_VALUE:
      case KIND_NOT_SET:
        return NODES.nullNode();
      case BOOL_VALUE:
        return NODES.booleanNode(value.getBoolValue());
      case STRING_VALUE:
        return NODES.textNode(value.getStringValue());
      case NUMBER_VALUE:
        double number = value.getNumberValue();
        if (number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < 1e15) {
          return NODES.numberNode((long) number);
        }
        return NODES.numberNode(number);
      case STRUCT_VALUE:
        return object(value.getStructValue());
      case LIST_VALUE:
        ArrayNode array = NODES.arrayNode();
        value.getListValue().getValuesList().forEach(v -> array.add(value(v)));
        return array;
      default:
        throw new IllegalArgumentException("unknown protobuf value kind " + value.getKindCase());
    }
  }
}
