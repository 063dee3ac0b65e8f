package io.iamkit.model.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.Metadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Reads manifest text (YAML, possibly several documents, or JSON) onto {@link AwsIamUser}, strictly:
 * every unknown field, wrong type, duplicate key and syntax error becomes a {@link Violation} naming
 * the field path, the source and the line.
 */
public final class ManifestReader {
  /** Deeper than any manifest or IAM policy can sensibly be; stops runaway recursion. */
  static final int MAX_DEPTH = 64;

  private static final double MAX_EXACT_INTEGER = 9007199254740992d; // 2^53

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH * 4).build())
      .build();
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH * 4).build())
      .build();

  private final String source;
  private final List<Violation> violations = new ArrayList<>();

  private ManifestReader(String source) {
    this.source = source;
  }

  /**
   * The result of reading one text: the users read completely, the violations found, and the users
   * that could be read only in part (either may be empty).
   */
  public record Result(List<AwsIamUser> users, List<Violation> violations, List<Partial> partial) {}

  /**
   * A manifest with reading violations: what could be read of it (unknown fields and values of the
   * wrong type left out), and the paths of its reading violations.
   */
  public record Partial(AwsIamUser user, List<String> violationPaths) {}

  private final List<Partial> partial = new ArrayList<>();

  public static Result read(String text, String sourceName) {
    ManifestReader reader = new ManifestReader(sourceName == null ? "<input>" : sourceName);
    List<AwsIamUser> users = reader.readAll(text == null ? "" : text);
    return new Result(users, List.copyOf(reader.violations), List.copyOf(reader.partial));
  }

  private List<AwsIamUser> readAll(String text) {
    List<SourceNode> documents = new ArrayList<>();
    JsonFactory factory = looksLikeJson(text) ? JSON : YAML;
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        SourceNode node = readNode(parser, token, 0, "");
        if (node != null) {
          documents.add(node);
        }
      }
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      violations.add(new Violation("", "manifest.syntax",
          where(line) + "cannot be read: " + firstLine(e.getOriginalMessage())));
      return List.of();
    } catch (IOException | RuntimeException e) {
      // RuntimeException: the YAML scanner reports some malformed input (and its own limits) this way.
      violations.add(new Violation("", "manifest.syntax", where(0) + "cannot be read: " + firstLine(e.getMessage())));
      return List.of();
    }
    List<AwsIamUser> users = new ArrayList<>();
    for (SourceNode document : documents) {
      if (document instanceof SourceNode.Arr array && factory == JSON) {
        for (SourceNode item : array.items()) {
          toUser(item).ifPresent(users::add);
        }
      } else if (!(document instanceof SourceNode.Scalar scalar && (scalar.value() == null || scalar.text().isEmpty()))) {
        // (an empty document, e.g. after a trailing `---`, holds no manifest)
        toUser(document).ifPresent(users::add);
      }
    }
    return users;
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  private SourceNode readNode(JsonParser parser, JsonToken token, int depth, String path)
      throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    if (depth > MAX_DEPTH) {
      violations.add(new Violation(path, "manifest.too-deep",
          where(line) + "nested deeper than " + MAX_DEPTH + " levels"));
      parser.skipChildren();
      return new SourceNode.Scalar(null, "", line);
    }
    switch (token) {
      case START_OBJECT: {
        Map<String, SourceNode.Entry> entries = new LinkedHashMap<>();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = parser.currentTokenLocation().getLineNr();
          String keyPath = Paths.key(path, key);
          SourceNode value = readNode(parser, parser.nextToken(), depth + 1, keyPath);
          if (entries.containsKey(key)) {
            violations.add(new Violation(keyPath, "manifest.duplicate-key",
                where(keyLine) + "key " + Paths.quote(key) + " appears twice (first on line "
                    + entries.get(key).line() + ")"));
          } else {
            entries.put(key, new SourceNode.Entry(key, keyLine, value));
          }
        }
        return new SourceNode.Obj(entries, line);
      }
      case START_ARRAY: {
        List<SourceNode> items = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
          items.add(readNode(parser, next, depth + 1, Paths.index(path, items.size())));
        }
        return new SourceNode.Arr(items, line);
      }
      case VALUE_STRING:
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          // The YAML parser does not resolve aliases: it hands over the anchor's name as if it were
          // the value ("*owner" as "owner"). Refused rather than deployed as text nobody wrote.
          violations.add(new Violation(path, "manifest.yaml-alias", where(line) + "YAML alias *"
              + parser.getText() + " is not supported (anchors, aliases and merge keys are not read);"
              + " write the value out"));
        }
        return new SourceNode.Scalar(parser.getText(), parser.getText(), line);
      case VALUE_NUMBER_INT: {
        String text = parser.getText();
        double asDouble = parser.getDoubleValue();
        // Integers a double cannot hold exactly stay strings rather than silently losing digits.
        Object value = Math.abs(asDouble) <= MAX_EXACT_INTEGER ? (Object) asDouble : text;
        return new SourceNode.Scalar(value, text, line);
      }
      case VALUE_NUMBER_FLOAT:
        return new SourceNode.Scalar(parser.getDoubleValue(), parser.getText(), line);
      case VALUE_TRUE:
      case VALUE_FALSE: {
        // YAML 1.2 booleans only: yes/no/on/off stay strings (e.g. a region or country code "no").
        String text = parser.getText();
        boolean literal = text == null || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
        Object value = literal ? (Object) (token == JsonToken.VALUE_TRUE) : text;
        return new SourceNode.Scalar(value, text == null ? String.valueOf(token == JsonToken.VALUE_TRUE) : text, line);
      }
      case VALUE_NULL:
        return new SourceNode.Scalar(null, "", line);
      default:
        // embedded objects and the like do not occur in text input
        return new SourceNode.Scalar(null, "", line);
    }
  }

  // ---- onto the proto ----

  private Optional<AwsIamUser> toUser(SourceNode document) {
    if (!(document instanceof SourceNode.Obj obj)) {
      violations.add(new Violation("", "manifest.not-an-object",
          where(document.line()) + "a manifest must be a mapping (apiVersion, kind, metadata, spec)"));
      return Optional.empty();
    }
    int before = violations.size();
    AwsIamUser.Builder builder = AwsIamUser.newBuilder();
    fillMessage(builder, obj, "");
    if (violations.size() == before) {
      return Optional.of(builder.build());
    }
    partial.add(new Partial(builder.build(),
        violations.subList(before, violations.size()).stream().map(Violation::path).toList()));
    return Optional.empty();
  }

  private void fillMessage(Message.Builder builder, SourceNode.Obj obj, String path) {
    Descriptor type = builder.getDescriptorForType();
    for (SourceNode.Entry entry : obj.entries().values()) {
      FieldDescriptor field = findField(type, entry.key());
      if (field == null) {
        unknownField(type, entry, path);
        continue;
      }
      String fieldPath = Paths.field(path, field.getJsonName());
      if (entry.value() instanceof SourceNode.Scalar scalar && scalar.value() == null) {
        continue; // `field:` with no value, or null: left unset
      }
      if (type.equals(Metadata.getDescriptor()) && field.getNumber() == Metadata.TAGS_FIELD_NUMBER
          && entry.value() instanceof SourceNode.Arr) {
        // metadata.tags as a list of strings: kept as tag_list, not sent to IAM.
        field = type.findFieldByNumber(Metadata.TAG_LIST_FIELD_NUMBER);
      }
      setField(builder, field, entry.value(), fieldPath);
    }
  }

  private static FieldDescriptor findField(Descriptor type, String name) {
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(name) || field.getName().equals(name)) {
        if (type.equals(Metadata.getDescriptor()) && field.getNumber() == Metadata.TAG_LIST_FIELD_NUMBER) {
          return null; // written as `tags: [..]` in manifests
        }
        return field;
      }
    }
    return null;
  }

  private void unknownField(Descriptor type, SourceNode.Entry entry, String path) {
    List<String> known = new ArrayList<>();
    for (FieldDescriptor field : type.getFields()) {
      if (!(type.equals(Metadata.getDescriptor()) && field.getNumber() == Metadata.TAG_LIST_FIELD_NUMBER)) {
        known.add(field.getJsonName());
      }
    }
    String message = where(entry.line()) + "unknown field " + Paths.quote(entry.key())
        + (path.isEmpty() ? "" : " in " + path);
    String suggestion = nearest(entry.key(), known);
    message += suggestion == null
        ? "; known fields: " + String.join(", ", known)
        : "; did you mean \"" + suggestion + "\"?";
    violations.add(new Violation(Paths.field(path, entry.key()), "manifest.unknown-field", message));
  }

  /** The known name closest to {@code name}, if it is close enough to be a likely typo. */
  static String nearest(String name, List<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return known.stream()
        .map(k -> Map.entry(k, distance.apply(lower, k.toLowerCase(java.util.Locale.ROOT))))
        .filter(e -> e.getValue() <= Math.max(2, e.getKey().length() / 3))
        .min(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private void setField(Message.Builder builder, FieldDescriptor field, SourceNode node, String path) {
    if (field.isMapField()) {
      if (!(node instanceof SourceNode.Obj obj)) {
        typeError(path, node, "a mapping");
        return;
      }
      Descriptor entryType = field.getMessageType();
      FieldDescriptor keyField = entryType.findFieldByName("key");
      FieldDescriptor valueField = entryType.findFieldByName("value");
      for (SourceNode.Entry entry : obj.entries().values()) {
        String entryPath = Paths.key(path, entry.key());
        Object value = convertSingle(valueField, entry.value(), entryPath);
        if (value != null) {
          Message.Builder entryBuilder = builder.newBuilderForField(field);
          entryBuilder.setField(keyField, entry.key());
          entryBuilder.setField(valueField, value);
          builder.addRepeatedField(field, entryBuilder.build());
        }
      }
    } else if (field.isRepeated()) {
      if (!(node instanceof SourceNode.Arr array)) {
        typeError(path, node, "a list");
        return;
      }
      for (int i = 0; i < array.items().size(); i++) {
        Object value = convertSingle(field, array.items().get(i), Paths.index(path, i));
        if (value != null) {
          builder.addRepeatedField(field, value);
        }
      }
    } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !field.getMessageType().equals(Struct.getDescriptor())) {
      if (!(node instanceof SourceNode.Obj obj)) {
        typeError(path, node, "a mapping");
        return;
      }
      Message.Builder child = builder.newBuilderForField(field);
      fillMessage(child, obj, path);
      builder.setField(field, child.build());
    } else {
      Object value = convertSingle(field, node, path);
      if (value != null) {
        builder.setField(field, value);
      }
    }
  }

  /** One string, bool or Struct value; null (with a violation) when the node has the wrong shape. */
  private Object convertSingle(FieldDescriptor field, SourceNode node, String path) {
    switch (field.getJavaType()) {
      case STRING:
        if (node instanceof SourceNode.Scalar scalar && scalar.value() != null) {
          return scalar.value() instanceof String s ? s : scalar.text();
        }
        if (node instanceof SourceNode.Scalar) {
          return "";
        }
        typeError(path, node, "a string");
        return null;
      case BOOLEAN:
        if (node instanceof SourceNode.Scalar scalar && scalar.value() instanceof Boolean b) {
          return b;
        }
        typeError(path, node, "true or false");
        return null;
      case MESSAGE:
        if (field.getMessageType().equals(Struct.getDescriptor())) {
          if (node instanceof SourceNode.Obj obj) {
            return toStruct(obj);
          }
          typeError(path, node, "a mapping (an IAM policy document)");
          return null;
        }
        throw new IllegalStateException("no conversion for message field " + field.getFullName());
      default:
        throw new IllegalStateException("no conversion for field " + field.getFullName());
    }
  }

  private void typeError(String path, SourceNode node, String expected) {
    String found;
    if (node instanceof SourceNode.Obj) {
      found = "a mapping";
    } else if (node instanceof SourceNode.Arr) {
      found = "a list";
    } else {
      SourceNode.Scalar s = (SourceNode.Scalar) node;
      found = s.value() == null ? "nothing" : Paths.quote(s.text());
    }
    violations.add(new Violation(path, "manifest.type",
        where(node.line()) + path + " must be " + expected + ", found " + found));
  }

  static Struct toStruct(SourceNode.Obj obj) {
    Struct.Builder struct = Struct.newBuilder();
    for (SourceNode.Entry entry : obj.entries().values()) {
      struct.putFields(entry.key(), toValue(entry.value()));
    }
    return struct.build();
  }

  private static Value toValue(SourceNode node) {
    if (node instanceof SourceNode.Obj o) {
      return Value.newBuilder().setStructValue(toStruct(o)).build();
    }
    if (node instanceof SourceNode.Arr a) {
      ListValue.Builder list = ListValue.newBuilder();
      a.items().forEach(item -> list.addValues(toValue(item)));
      return Value.newBuilder().setListValue(list).build();
    }
    Object v = ((SourceNode.Scalar) node).value();
    if (v instanceof String str) {
      return Value.newBuilder().setStringValue(str).build();
    } else if (v instanceof Double d) {
      return Value.newBuilder().setNumberValue(d).build();
    } else if (v instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
  }

  private String where(int line) {
    return line > 0 ? source + " line " + line + ": " : source + ": ";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
