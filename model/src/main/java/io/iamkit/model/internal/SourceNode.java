package io.iamkit.model.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML/JSON value that remembers the line it started on. */
sealed interface SourceNode {
  int line();

  /** A mapping; entries keep source order. */
  record Obj(Map<String, Entry> entries, int line) implements SourceNode {
    Obj() {
      this(new LinkedHashMap<>(), 0);
    }
  }

  /** One mapping entry: the key's line and the value. */
  record Entry(String key, int line, SourceNode value) {}

  /** A sequence. */
  record Arr(List<SourceNode> items, int line) implements SourceNode {}

  /**
   * A scalar. {@code value} is a String, Double, Boolean or null; {@code text} is the source text
   * (used when a string field is given a number or boolean, e.g. {@code userName: 123}).
   */
  record Scalar(Object value, String text, int line) implements SourceNode {}
}
