package io.iamkit.backend.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.vavr.control.Option;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one iamkit template declares, read from its JSON: the text {@code TemplateSynthesizer}
 * wrote for the spec about to be deployed, or the text CloudFormation returns for a deployed stack
 * ({@code GetTemplate}). Comparing the two tells which resources a change set touches and which
 * grants the stack owns; everything else on the user is out of band.
 */
record Declared(
    String userName,
    String path,
    Option<String> permissionsBoundary,
    SortedSet<String> managedPolicyArns,
    SortedMap<String, String> tags,
    SortedMap<String, String> inlinePolicyNames,
    SortedMap<String, JsonNode> inlinePolicyDocuments,
    boolean accessKey,
    int accessKeySerial,
    Option<String> secretName,
    Map<String, JsonNode> resources) {

  private static final ObjectMapper JSON = new ObjectMapper();

  Declared {
    managedPolicyArns = Collections.unmodifiableSortedSet(new TreeSet<>(managedPolicyArns));
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    inlinePolicyNames = Collections.unmodifiableSortedMap(new TreeMap<>(inlinePolicyNames));
    inlinePolicyDocuments = Collections.unmodifiableSortedMap(new TreeMap<>(inlinePolicyDocuments));
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
  }

  /**
   * Reads a template iamkit wrote.
   *
   * @throws IllegalArgumentException when the text is not JSON or has no {@code AWS::IAM::User}
   *     with logical id {@code User} (the stack was not made by this backend)
   */
  static Declared parse(String templateBody) {
    JsonNode root;
    try {
      root = JSON.readTree(templateBody);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the template is not JSON (iamkit writes JSON templates)");
    }
    JsonNode resources = root == null ? null : root.get("Resources");
    JsonNode user = resources == null ? null : resources.get(TemplateSynthesizer.USER);
    if (user == null || !"AWS::IAM::User".equals(user.path("Type").asText())) {
      throw new IllegalArgumentException("the template has no AWS::IAM::User '" + TemplateSynthesizer.USER + "'");
    }
    JsonNode props = user.path("Properties");
    SortedSet<String> arns = new TreeSet<>();
    props.path("ManagedPolicyArns").forEach(a -> arns.add(a.asText()));
    SortedMap<String, String> tags = new TreeMap<>();
    props.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));

    SortedMap<String, String> policyNames = new TreeMap<>();
    SortedMap<String, JsonNode> policyDocuments = new TreeMap<>();
    Map<String, JsonNode> all = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      all.put(e.getKey(), e.getValue());
      if ("AWS::IAM::Policy".equals(e.getValue().path("Type").asText())) {
        String name = e.getValue().path("Properties").path("PolicyName").asText(e.getKey());
        policyNames.put(e.getKey(), name);
        policyDocuments.put(name, e.getValue().path("Properties").path("PolicyDocument"));
      }
    }
    JsonNode key = resources.get(TemplateSynthesizer.ACCESS_KEY);
    JsonNode secret = resources.get(TemplateSynthesizer.SECRET);
    return new Declared(
        props.path("UserName").asText(),
        props.path("Path").asText("/"),
        Option.of(props.get("PermissionsBoundary")).map(JsonNode::asText),
        arns,
        tags,
        policyNames,
        policyDocuments,
        key != null,
        key == null ? TemplateSynthesizer.FIRST_SERIAL
            : key.path("Properties").path("Serial").asInt(TemplateSynthesizer.FIRST_SERIAL),
        Option.of(secret).map(s -> s.path("Properties").path("Name").asText()),
        all);
  }

  /** The logical id of the {@code AWS::IAM::Policy} that puts the named inline policy. */
  Option<String> inlinePolicyLogicalId(String policyName) {
    return Option.ofOptional(inlinePolicyNames.entrySet().stream()
        .filter(e -> e.getValue().equals(policyName)).map(Map.Entry::getKey).findFirst());
  }

  /** Whether a resource is declared with exactly the same JSON in both templates. */
  boolean sameResource(Declared other, String logicalId) {
    JsonNode mine = resources.get(logicalId);
    return mine != null && mine.equals(other.resources.get(logicalId));
  }
}
