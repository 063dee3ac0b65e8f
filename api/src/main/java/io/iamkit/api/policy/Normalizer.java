package io.iamkit.api.policy;

import io.iamkit.api.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings an IAM policy document (as a Java tree) to a canonical form, so that documents that mean the
 * same compare equal as text. What does not count: key order, whitespace, a single value vs a list of
 * one, order and duplicates in Action/Resource/Principal/Condition value lists and in the statement
 * list, the case of actions (service prefix and action name), the case of condition key names, an
 * empty Sid, numbers and booleans vs their string form in conditions, and a missing Version (which
 * IAM reads as 2008-10-17). What counts: resource ARNs, Effect, condition operators and values,
 * everything else.
 */
final class Normalizer {
  static final String DEFAULT_VERSION = "2008-10-17";

  private Normalizer() { }

  static Map<String, Object> document(Map<String, Object> doc) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.equals("Statement")) {
        TreeMap<String, Object> statements = new TreeMap<>();
        for (Object s : asList(value)) {
          Object n = s instanceof Map<?, ?> m ? statement(cast(m)) : generic(s);
          statements.put(Json.write(n), n);
        }
        out.put(key, new ArrayList<>(statements.values()));
      } else {
        out.put(key, generic(value));
      }
    }
    out.putIfAbsent("Version", DEFAULT_VERSION);
    return out;
  }

  private static Map<String, Object> statement(Map<String, Object> st) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : st.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      switch (key) {
        case "Sid" -> {
          if (!(value instanceof String s && s.isEmpty()) && value != null) {
            out.put(key, generic(value));
          }
        }
        case "Action", "NotAction" -> out.put(key, stringSet(value, true));
        case "Resource", "NotResource" -> out.put(key, stringSet(value, false));
        case "Principal", "NotPrincipal" -> out.put(key, principal(value));
        case "Condition" -> out.put(key, condition(value));
        default -> out.put(key, generic(value));
      }
    }
    return out;
  }

  private static Object principal(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      cast(m).forEach((k, v) -> out.put(k, stringSet(v, false)));
      return out;
    }
    return generic(value);
  }

  private static Object condition(Object value) {
    if (!(value instanceof Map<?, ?> ops)) {
      return generic(value);
    }
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Object> op : cast(ops).entrySet()) {
      if (op.getValue() instanceof Map<?, ?> keys) {
        Map<String, Object> k = new TreeMap<>();
        for (Map.Entry<String, Object> ke : cast(keys).entrySet()) {
          String keyName = ke.getKey().toLowerCase(Locale.ROOT);
          @SuppressWarnings("unchecked")
          List<Object> merged = (List<Object>) k.get(keyName);
          List<Object> values = stringSet(ke.getValue(), false);
          if (merged != null) {
            TreeSet<String> union = new TreeSet<>();
            merged.forEach(o -> union.add((String) o));
            values.forEach(o -> union.add((String) o));
            values = new ArrayList<>(union);
          }
          k.put(keyName, values);
        }
        out.put(op.getKey(), k);
      } else {
        out.put(op.getKey(), generic(op.getValue()));
      }
    }
    return out;
  }

  /** A value or list of values as a sorted list without duplicates, of strings. */
  private static List<Object> stringSet(Object value, boolean lowerCase) {
    TreeSet<String> set = new TreeSet<>();
    for (Object o : asList(value)) {
      String s = scalar(o);
      set.add(lowerCase ? s.toLowerCase(Locale.ROOT) : s);
    }
    return new ArrayList<>(set);
  }

  private static String scalar(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof Double d) {
      return Json.number(d);
    }
    if (o instanceof Boolean b) {
      return b.toString();
    }
    // Not a scalar: keep it distinguishable and deterministic.
    return Json.write(generic(o));
  }

  private static Object generic(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      cast(m).forEach((k, v) -> out.put(k, generic(v)));
      return out;
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(v -> out.add(generic(v)));
      return out;
    }
    return value;
  }

  private static Collection<?> asList(Object value) {
    if (value instanceof Collection<?> c) {
      return c;
    }
    List<Object> one = new ArrayList<>();
    one.add(value);
    return one;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
