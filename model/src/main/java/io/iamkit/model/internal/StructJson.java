package io.iamkit.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Policy documents ({@link Struct}) as JSON: tree conversion, compact text, size and depth. */
public final class StructJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final double MAX_EXACT_INTEGER = 9007199254740992d; // 2^53

  private StructJson() {}

  /** The document as a JSON tree; integral numbers are written without a fraction ({@code 5}, not {@code 5.0}). */
  public static ObjectNode toTree(Struct struct) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      node.set(field.getKey(), toTree(field.getValue()));
    }
    return node;
  }

  static JsonNode toTree(Value value) {
    switch (value.getKindCase()) {
      case STRUCT_VALUE:
        return toTree(value.getStructValue());
      case LIST_VALUE: {
        ArrayNode array = NODES.arrayNode();
        value.getListValue().getValuesList().forEach(v -> array.add(toTree(v)));
        return array;
      }
      case STRING_VALUE:
        return NODES.textNode(value.getStringValue());
      case BOOL_VALUE:
        return NODES.booleanNode(value.getBoolValue());
      case NUMBER_VALUE: {
        double d = value.getNumberValue();
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_INTEGER) {
          return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
      }
      default:
        return NODES.nullNode();
    }
  }

  /** Compact JSON text of the document. */
  public static String compact(Struct struct) {
    try {
      return MAPPER.writeValueAsString(toTree(struct));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Characters of the document as IAM counts them against its size quotas: whitespace does not count. */
  public static int sizeWithoutWhitespace(Struct struct) {
    String text = compact(struct);
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
        count++;
      }
      i += Character.charCount(cp);
    }
    return count;
  }

  /** Nesting depth of the document (a flat document is 1), computed without recursion. */
  public static int depth(Struct struct) {
    Deque<Map.Entry<Value, Integer>> pending = new ArrayDeque<>();
    pending.push(Map.entry(Value.newBuilder().setStructValue(struct).build(), 1));
    int max = 0;
    while (!pending.isEmpty()) {
      Map.Entry<Value, Integer> next = pending.pop();
      int level = next.getValue();
      max = Math.max(max, level);
      Value value = next.getKey();
      if (value.hasStructValue()) {
        for (Value child : value.getStructValue().getFieldsMap().values()) {
          pending.push(Map.entry(child, level + 1));
        }
      } else if (value.hasListValue()) {
        for (Value child : value.getListValue().getValuesList()) {
          pending.push(Map.entry(child, level + 1));
        }
      }
    }
    return max;
  }
}
