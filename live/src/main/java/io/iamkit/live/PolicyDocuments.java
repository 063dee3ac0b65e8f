package io.iamkit.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decoding of policy documents as the IAM API returns them. */
final class PolicyDocuments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyDocuments() {}

  /**
   * Decodes IAM's RFC 3986 percent-encoding. A literal {@code +} stays a plus sign (RFC 3986 has
   * no {@code +}-for-space rule, IAM encodes a space as {@code %20}). A document that is already
   * plain JSON (starts with <code>{</code>) is returned as is, so a literal {@code %} in it is not
   * mangled.
   */
  static String urlDecode(String document) {
    if (document.stripLeading().startsWith("{")) {
      return document;
    }
    return URLDecoder.decode(document.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static JsonNode parse(String policyName, String decoded) {
    try {
      JsonNode node = JSON.readTree(decoded);
      if (node == null || !node.isObject()) {
        throw new IllegalStateException(
            "IAM returned inline policy '" + policyName + "' that is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "IAM returned inline policy '" + policyName + "' that is not valid JSON: "
              + e.getOriginalMessage(), e);
    }
  }
}
