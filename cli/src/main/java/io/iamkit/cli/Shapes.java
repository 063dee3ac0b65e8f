package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.Difference;
import io.iamkit.api.FieldChange;
import io.iamkit.api.Plan;
import io.iamkit.model.LintWarning;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** The JSON shapes of {@code -o json}: one method per value, so every command writes a value the same way. */
final class Shapes {
  private Shapes() {}

  static ObjectNode object() {
    return Output.JSON.createObjectNode();
  }

  static ObjectNode error(String type, String message) {
    return object().put("type", type).put("message", message);
  }

  /** A violation as a person reads it: the message, then the rule, and the field path when the message does not name it. */
  static String describe(Violation v) {
    boolean named = v.path().isEmpty() || v.message().contains(v.path()) || v.rule().startsWith("manifest.");
    return v.message() + " [" + v.rule() + (named ? "" : " at " + v.path()) + "]";
  }

  static ObjectNode violation(Violation v) {
    return object().put("path", v.path()).put("rule", v.rule()).put("message", v.message());
  }

  static ObjectNode lint(String name, LintWarning w) {
    return object().put("name", name).put("path", w.path()).put("rule", w.rule()).put("message", w.message());
  }

  /** {@code name} (metadata.name) and {@code userName} (spec.userName) of a manifest. */
  static ObjectNode user(AwsIamUser user) {
    return object().put("name", user.getMetadata().getName()).put("userName", user.getSpec().getUserName());
  }

  static ObjectNode change(Change c) {
    ObjectNode n = object().put("action", c.action().name()).put("kind", c.kind().name()).put("resource", c.resource());
    ArrayNode fields = n.putArray("fields");
    for (FieldChange f : c.fields()) {
      ObjectNode fn = fields.addObject().put("path", f.path());
      put(fn, "before", f.before());
      put(fn, "after", f.after());
    }
    return n;
  }

  static ArrayNode changes(Plan plan) {
    ArrayNode list = Output.JSON.createArrayNode();
    plan.changes().forEach(c -> list.add(change(c)));
    return list;
  }

  static ObjectNode difference(Difference d) {
    ObjectNode n = object().put("kind", d.kind().name()).put("resource", d.resource().name()).put("path", d.path());
    put(n, "expected", d.expected());
    put(n, "actual", d.actual());
    return n;
  }

  static ArrayNode differences(Seq<Difference> differences) {
    ArrayNode list = Output.JSON.createArrayNode();
    differences.forEach(d -> list.add(difference(d)));
    return list;
  }

  static ArrayNode removed(DestroyReport report) {
    ArrayNode list = Output.JSON.createArrayNode();
    report.removed().forEach(r -> list.addObject()
        .put("kind", r.kind().name()).put("resource", r.resource()).put("outOfBand", r.outOfBand()));
    return list;
  }

  /** The outputs; empty strings (no key, no delivered secret) become null. Never a secret. */
  static ObjectNode outputs(AwsIamUserOutputs o) {
    ObjectNode n = object();
    putText(n, "userArn", o.getUserArn());
    putText(n, "userName", o.getUserName());
    putText(n, "userId", o.getUserId());
    putText(n, "accessKeyId", o.getAccessKeyId());
    putText(n, "consoleUrl", o.getConsoleUrl());
    putText(n, "secretArn", o.getSecretArn());
    return n;
  }

  static ObjectNode backend(BackendInfo b) {
    ObjectNode n = object().put("name", b.name()).put("available", b.availability().isAvailable());
    putText(n, "reason", b.availability().reason());
    return n;
  }

  /** A deployment error: {@code type} (the error's kind), {@code message}, and the details of that kind. */
  static ObjectNode error(DeploymentError e) {
    ObjectNode n = error(e.getClass().getSimpleName(), e.message());
    if (e instanceof DeploymentError.InvalidSpec s) {
      ArrayNode list = n.putArray("violations");
      s.violations().forEach(v -> list.add(violation(v)));
    } else if (e instanceof DeploymentError.BackendUnavailable b) {
      n.put("backend", b.backend()).put("reason", b.reason());
      ArrayNode list = n.putArray("available");
      b.available().forEach(i -> list.add(i.name()));
    } else if (e instanceof DeploymentError.RejectedByAws r) {
      n.put("code", r.code()).put("resource", r.resource()).put("detail", r.detail());
    } else if (e instanceof DeploymentError.Conflict c) {
      n.put("resource", c.resource()).put("detail", c.detail());
    } else if (e instanceof DeploymentError.Timeout t) {
      n.put("operation", t.operation()).put("afterSeconds", t.after().toSeconds());
    } else if (e instanceof DeploymentError.VerificationFailed v) {
      n.set("differences", differences(v.differences()));
    } else if (e instanceof DeploymentError.BackendFailed b) {
      n.put("backend", b.backend()).put("detail", b.detail());
    }
    return n;
  }

  private static void put(ObjectNode n, String field, Option<String> value) {
    if (value.isDefined()) {
      n.put(field, value.get());
    } else {
      n.putNull(field);
    }
  }

  private static void putText(ObjectNode n, String field, String value) {
    if (value == null || value.isEmpty()) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }
}
