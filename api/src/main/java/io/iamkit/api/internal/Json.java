package io.iamkit.api.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON helpers over protobuf {@link Struct}s and plain Java trees. Not public API. */
public final class Json {
  private Json() { }

  /**
   * Parses a JSON object; accepts the URL-encoded form IAM returns ({@code %7B%22Version...}).
   *
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public static Struct parseObject(String text) {
    String json = text.strip();
    if (!json.startsWith("{") && json.contains("%")) {
      json = percentDecode(json).strip();
    }
    if (!json.startsWith("{")) {
      throw new IllegalArgumentException("not a JSON object (starts with '"
          + json.substring(0, Math.min(json.length(), 10)) + "')");
    }
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    return b.build();
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8 (RFC 3986). A {@code +} stays a {@code +}: IAM encodes
   * spaces as {@code %20}, and {@code +} is significant in policies (e.g. in ARNs).
   */
  public static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated %-escape at index " + i);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad %-escape at index " + i);
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.writeBytes(bytes);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Converts a protobuf value to a Java tree: Map (sorted), List, String, Double, Boolean or null. */
  public static Object toJava(Value v) {
    return switch (v.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> v.getNumberValue();
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case STRUCT_VALUE -> toJava(v.getStructValue());
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>();
        for (Value e : v.getListValue().getValuesList()) {
          list.add(toJava(e));
        }
        yield list;
      }
    };
  }

  public static Map<String, Object> toJava(Struct s) {
    Map<String, Object> map = new TreeMap<>();
    s.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
    return map;
  }

  /** A string value. */
  public static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  /** A list of string values. */
  public static Value strings(Collection<String> values) {
    ListValue.Builder l = ListValue.newBuilder();
    values.forEach(v -> l.addValues(string(v)));
    return Value.newBuilder().setListValue(l).build();
  }

  /** Compact JSON with keys in the tree's own order (sorted for trees from {@link #toJava}). */
  public static String write(Object tree) {
    StringBuilder sb = new StringBuilder();
    write(tree, sb);
    return sb.toString();
  }

  /** Compact JSON of a struct with keys sorted. */
  public static String write(Struct s) {
    return write(toJava(s));
  }

  private static void write(Object o, StringBuilder sb) {
    if (o == null) {
      sb.append("null");
    } else if (o instanceof String s) {
      writeString(s, sb);
    } else if (o instanceof Double d) {
      sb.append(number(d));
    } else if (o instanceof Boolean b) {
      sb.append(b);
    } else if (o instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(String.valueOf(e.getKey()), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (o instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(e, sb);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON tree node: " + o.getClass());
    }
  }

  /** A number as JSON: integral values without a fraction. */
  public static String number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
