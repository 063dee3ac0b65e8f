package io.iamkit.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An inline policy as IAM stores it.
 *
 * @param name the policy name
 * @param document the document text, decoded from IAM's URL encoding (otherwise as IAM returned it)
 * @param json the document parsed as JSON; the accessor hands out a copy, so this value stays
 *     immutable
 */
public record InlinePolicy(String name, String document, JsonNode json) {

  public InlinePolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(document, "document");
    json = Objects.requireNonNull(json, "json").deepCopy();
  }

  /** Decodes and parses a document exactly as IAM's {@code GetUserPolicy} returns it. */
  public static InlinePolicy fromIam(String name, String urlEncodedDocument) {
    String decoded = PolicyDocuments.urlDecode(urlEncodedDocument);
    return new InlinePolicy(name, decoded, PolicyDocuments.parse(name, decoded));
  }

  @Override
  public JsonNode json() {
    return json.deepCopy();
  }
}
