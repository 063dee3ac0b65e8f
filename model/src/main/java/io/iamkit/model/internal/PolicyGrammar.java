package io.iamkit.model.internal;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The grammar of an IAM identity-based policy document, checked on a {@link Struct}. */
public final class PolicyGrammar {
  /** No IAM policy nests deeper than this (document, statement list, statement, condition, operator, key, values). */
  public static final int MAX_DEPTH = 16;

  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
  private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Statement", "Id");
  private static final Set<String> STATEMENT_KEYS = Set.of(
      "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal");
  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]*");
  private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
  /**
   * arn:partition:service:region:account:resource: partition and service given, region and account
   * may be empty, the resource part may hold colons (and policy variables such as ${aws:username}).
   */
  private static final Pattern RESOURCE_ARN = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:[^:]*:.*", Pattern.DOTALL);
  private static final Pattern CONDITION_OPERATOR =
      Pattern.compile("(ForAllValues:|ForAnyValue:)?[A-Za-z]+(IfExists)?");

  private final Consumer<Violation> out;

  private PolicyGrammar(Consumer<Violation> out) {
    this.out = out;
  }

  /** Reports every grammar violation in {@code document}, with paths under {@code path}. */
  public static void check(Struct document, String path, Consumer<Violation> out) {
    new PolicyGrammar(out).document(document, path);
  }

  private void document(Struct document, String path) {
    int depth = StructJson.depth(document);
    if (depth > MAX_DEPTH) {
      out.accept(new Violation(path, "policy.too-deep",
          "policy document " + path + " nests " + depth + " levels deep; an IAM policy never needs more than "
              + MAX_DEPTH));
      return;
    }
    Map<String, Value> fields = document.getFieldsMap();
    for (String key : fields.keySet()) {
      String keyPath = Paths.key(path, key);
      if (key.equals("Id")) {
        out.accept(new Violation(keyPath, "policy.id.not-allowed",
            keyPath + ": Id belongs in resource-based policies, not in a user's identity policy"));
      } else if (!DOCUMENT_KEYS.contains(key)) {
        out.accept(new Violation(keyPath, "policy.unknown-key",
            keyPath + ": unknown policy element " + Paths.quote(key) + "; a policy has Version and Statement"));
      }
    }
    Value version = fields.get("Version");
    if (version != null && !(version.hasStringValue() && VERSIONS.contains(version.getStringValue()))) {
      String versionPath = Paths.field(path, "Version");
      out.accept(new Violation(versionPath, "policy.version",
          versionPath + " must be \"2012-10-17\" or \"2008-10-17\", was " + shown(version)));
    }
    Value statement = fields.get("Statement");
    String statementPath = Paths.field(path, "Statement");
    if (statement == null) {
      out.accept(new Violation(statementPath, "policy.statement.required", statementPath + " is required"));
    } else if (statement.hasStructValue()) {
      statement(statement.getStructValue(), statementPath, new HashMap<>());
    } else if (statement.hasListValue() && statement.getListValue().getValuesCount() > 0) {
      Map<String, String> sids = new HashMap<>();
      List<Value> items = statement.getListValue().getValuesList();
      for (int i = 0; i < items.size(); i++) {
        String itemPath = Paths.index(statementPath, i);
        if (items.get(i).hasStructValue()) {
          statement(items.get(i).getStructValue(), itemPath, sids);
        } else {
          out.accept(new Violation(itemPath, "policy.statement.type",
              itemPath + " must be a statement (a mapping), was " + shown(items.get(i))));
        }
      }
    } else {
      out.accept(new Violation(statementPath, "policy.statement.type",
          statementPath + " must be a statement or a non-empty list of statements, was " + shown(statement)));
    }
  }

  private void statement(Struct statement, String path, Map<String, String> sids) {
    Map<String, Value> fields = statement.getFieldsMap();
    for (String key : fields.keySet()) {
      String keyPath = Paths.key(path, key);
      if (key.equals("Principal") || key.equals("NotPrincipal")) {
        out.accept(new Violation(keyPath, "policy.principal.not-allowed",
            keyPath + ": " + key + " is not allowed in an identity policy (the user is the principal)"));
      } else if (!STATEMENT_KEYS.contains(key)) {
        out.accept(new Violation(keyPath, "policy.statement.unknown-key",
            keyPath + ": unknown statement element " + Paths.quote(key)
                + "; a statement has Sid, Effect, Action or NotAction, Resource or NotResource, Condition"));
      }
    }
    Value sid = fields.get("Sid");
    if (sid != null) {
      String sidPath = Paths.field(path, "Sid");
      if (!sid.hasStringValue() || !SID.matcher(sid.getStringValue()).matches()) {
        out.accept(new Violation(sidPath, "policy.sid.charset",
            sidPath + " may hold only letters and digits, was " + shown(sid)));
      } else if (!sid.getStringValue().isEmpty()) {
        String first = sids.putIfAbsent(sid.getStringValue(), sidPath);
        if (first != null) {
          out.accept(new Violation(sidPath, "policy.sid.duplicate",
              sidPath + " " + Paths.quote(sid.getStringValue()) + " is already used by " + first));
        }
      }
    }
    Value effect = fields.get("Effect");
    String effectPath = Paths.field(path, "Effect");
    if (effect == null) {
      out.accept(new Violation(effectPath, "policy.effect.required", effectPath + " is required (Allow or Deny)"));
    } else if (!effect.hasStringValue()
        || !(effect.getStringValue().equals("Allow") || effect.getStringValue().equals("Deny"))) {
      out.accept(new Violation(effectPath, "policy.effect", effectPath + " must be Allow or Deny, was " + shown(effect)));
    }
    exactlyOne(fields, path, "Action", "NotAction", "policy.action", ACTION,
        "\"*\" or service:action (letters, digits, * and ?)");
    exactlyOne(fields, path, "Resource", "NotResource", "policy.resource", null, "");
    Value condition = fields.get("Condition");
    if (condition != null) {
      condition(condition, Paths.field(path, "Condition"));
    }
  }

  private void exactlyOne(Map<String, Value> fields, String path, String name, String notName, String rule,
      Pattern itemPattern, String itemShape) {
    Value plain = fields.get(name);
    Value not = fields.get(notName);
    if (plain != null && not != null) {
      String notPath = Paths.field(path, notName);
      out.accept(new Violation(notPath, rule + ".both",
          path + " has both " + name + " and " + notName + "; a statement has exactly one of them"));
    } else if (plain == null && not == null) {
      String namePath = Paths.field(path, name);
      out.accept(new Violation(namePath, rule + ".required",
          path + " has neither " + name + " nor " + notName + "; a statement needs exactly one of them"));
    }
    if (plain != null) {
      stringOrList(plain, Paths.field(path, name), rule, itemPattern, itemShape);
    }
    if (not != null) {
      stringOrList(not, Paths.field(path, notName), rule, itemPattern, itemShape);
    }
  }

  private void stringOrList(Value value, String path, String rule, Pattern itemPattern, String itemShape) {
    if (value.hasStringValue()) {
      item(value.getStringValue(), path, rule, itemPattern, itemShape);
    } else if (value.hasListValue() && value.getListValue().getValuesCount() > 0) {
      List<Value> items = value.getListValue().getValuesList();
      for (int i = 0; i < items.size(); i++) {
        String itemPath = Paths.index(path, i);
        if (items.get(i).hasStringValue()) {
          item(items.get(i).getStringValue(), itemPath, rule, itemPattern, itemShape);
        } else {
          out.accept(new Violation(itemPath, rule + ".type", itemPath + " must be a string, was " + shown(items.get(i))));
        }
      }
    } else {
      out.accept(new Violation(path, rule + ".type",
          path + " must be a string or a non-empty list of strings, was " + shown(value)));
    }
  }

  private void item(String text, String path, String rule, Pattern itemPattern, String itemShape) {
    if (itemPattern != null && !itemPattern.matcher(text).matches()) {
      out.accept(new Violation(path, rule + ".format", path + " must be " + itemShape + ", was " + Paths.quote(text)));
    } else if (itemPattern == null && !(text.equals("*") || RESOURCE_ARN.matcher(text).matches())) {
      out.accept(new Violation(path, rule + ".format",
          path + " must be \"*\" or an ARN (arn:partition:service:region:account:resource), was " + Paths.quote(text)));
    }
  }

  private void condition(Value condition, String path) {
    if (!condition.hasStructValue()) {
      out.accept(new Violation(path, "policy.condition.type",
          path + " must map condition operators to {key: value(s)}, was " + shown(condition)));
      return;
    }
    for (Map.Entry<String, Value> operator : condition.getStructValue().getFieldsMap().entrySet()) {
      String operatorPath = Paths.key(path, operator.getKey());
      if (!CONDITION_OPERATOR.matcher(operator.getKey()).matches()) {
        out.accept(new Violation(operatorPath, "policy.condition.operator",
            operatorPath + ": " + Paths.quote(operator.getKey()) + " is not a condition operator"
                + " (e.g. StringEquals, ForAnyValue:StringLike, NumericLessThanIfExists)"));
      }
      if (!operator.getValue().hasStructValue()) {
        out.accept(new Violation(operatorPath, "policy.condition.type",
            operatorPath + " must map condition keys to values, was " + shown(operator.getValue())));
        continue;
      }
      for (Map.Entry<String, Value> key : operator.getValue().getStructValue().getFieldsMap().entrySet()) {
        String keyPath = Paths.key(operatorPath, key.getKey());
        Value value = key.getValue();
        boolean ok = isConditionScalar(value)
            || (value.hasListValue() && value.getListValue().getValuesList().stream().allMatch(PolicyGrammar::isConditionScalar));
        if (!ok) {
          out.accept(new Violation(keyPath, "policy.condition.value",
              keyPath + " must be a string, number, boolean or a list of them, was " + shown(value)));
        }
      }
    }
  }

  private static boolean isConditionScalar(Value value) {
    return value.hasStringValue() || value.hasBoolValue()
        || (value.hasNumberValue() && Double.isFinite(value.getNumberValue()));
  }

  private static String shown(Value value) {
    switch (value.getKindCase()) {
      case STRING_VALUE:
        return Paths.quote(value.getStringValue());
      case STRUCT_VALUE:
        return "a mapping";
      case LIST_VALUE:
        return value.getListValue().getValuesCount() == 0 ? "an empty list" : "a list";
      case NUMBER_VALUE:
        return "the number " + StructJson.toTree(value);
      case BOOL_VALUE:
        return String.valueOf(value.getBoolValue());
      default:
        return "nothing";
    }
  }
}
