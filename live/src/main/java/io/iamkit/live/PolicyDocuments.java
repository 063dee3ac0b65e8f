package io.iamkit.live;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decoding of policy documents as the IAM API returns them. */
final class PolicyDocuments {

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
}
