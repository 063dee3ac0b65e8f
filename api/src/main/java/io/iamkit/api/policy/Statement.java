package io.iamkit.api.policy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.api.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One statement of a policy document. A list with one element is written as a single string, as in
 * hand-written policies ({@code Action: s3:GetObject}); several as a list.
 */
public final class Statement {
  /** The statement's effect. */
  public enum Effect {
    Allow,
    Deny
  }

  private final Struct struct;

  private Statement(Struct struct) {
    this.struct = struct;
  }

  /** Starts an {@code Allow} statement. */
  public static Builder allow() {
    return new Builder(Effect.Allow);
  }

  /** Starts a {@code Deny} statement. */
  public static Builder deny() {
    return new Builder(Effect.Deny);
  }

  public Struct toStruct() {
    return struct;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Statement other && struct.equals(other.struct);
  }

  @Override
  public int hashCode() {
    return struct.hashCode();
  }

  @Override
  public String toString() {
    return Json.write(struct);
  }

  /** Builds a statement. Rules (exactly one of Action/NotAction, ...) are checked by the Validator. */
  public static final class Builder {
    private final Effect effect;
    private String sid;
    private final List<String> actions = new ArrayList<>();
    private final List<String> notActions = new ArrayList<>();
    private final List<String> resources = new ArrayList<>();
    private final List<String> notResources = new ArrayList<>();
    private final Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();

    private Builder(Effect effect) {
      this.effect = effect;
    }

    public Builder sid(String sid) {
      this.sid = Objects.requireNonNull(sid, "sid");
      return this;
    }

    public Builder actions(String... actions) {
      this.actions.addAll(checked(actions, "actions"));
      return this;
    }

    public Builder notActions(String... notActions) {
      this.notActions.addAll(checked(notActions, "notActions"));
      return this;
    }

    public Builder resources(String... resources) {
      this.resources.addAll(checked(resources, "resources"));
      return this;
    }

    public Builder notResources(String... notResources) {
      this.notResources.addAll(checked(notResources, "notResources"));
      return this;
    }

    /**
     * Adds a condition, e.g. {@code condition("StringEquals", "aws:RequestedRegion", "eu-west-1")}.
     * Values for the same operator and key accumulate.
     */
    public Builder condition(String operator, String key, String... values) {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(key, "key");
      List<String> v = checked(values, "values");
      if (v.isEmpty()) {
        throw new IllegalArgumentException("a condition needs at least one value");
      }
      conditions.computeIfAbsent(operator, o -> new LinkedHashMap<>())
          .computeIfAbsent(key, k -> new ArrayList<>()).addAll(v);
      return this;
    }

    public Statement build() {
      Struct.Builder s = Struct.newBuilder();
      if (sid != null) {
        s.putFields("Sid", Json.string(sid));
      }
      s.putFields("Effect", Json.string(effect.name()));
      putList(s, "Action", actions);
      putList(s, "NotAction", notActions);
      putList(s, "Resource", resources);
      putList(s, "NotResource", notResources);
      if (!conditions.isEmpty()) {
        Struct.Builder c = Struct.newBuilder();
        conditions.forEach((op, keys) -> {
          Struct.Builder k = Struct.newBuilder();
          keys.forEach((key, values) -> k.putFields(key, oneOrMany(values)));
          c.putFields(op, Value.newBuilder().setStructValue(k).build());
        });
        s.putFields("Condition", Value.newBuilder().setStructValue(c).build());
      }
      return new Statement(s.build());
    }

    private static void putList(Struct.Builder s, String key, List<String> values) {
      if (!values.isEmpty()) {
        s.putFields(key, oneOrMany(values));
      }
    }

    private static Value oneOrMany(List<String> values) {
      return values.size() == 1 ? Json.string(values.get(0)) : Json.strings(values);
    }

    private static List<String> checked(String[] values, String what) {
      Objects.requireNonNull(values, what);
      List<String> list = Arrays.asList(values);
      for (String v : list) {
        Objects.requireNonNull(v, () -> what + " must not contain null");
      }
      return list;
    }
  }
}
