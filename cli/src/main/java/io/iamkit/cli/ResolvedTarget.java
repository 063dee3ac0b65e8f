package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.api.AwsTarget;
import java.util.Objects;
import java.util.Optional;

/**
 * The AWS target a command runs against, and how it was chosen, for the user to see.
 *
 * @param target      what the backend gets
 * @param endpoint    the endpoint URL, or empty for AWS itself
 * @param region      the region
 * @param credentials where the credentials come from, e.g. {@code static test/test}
 * @param local       the emulator of {@code iamkit local start}, when that is the target
 */
record ResolvedTarget(AwsTarget target, Optional<String> endpoint, String region, String credentials, Optional<String> local) {
  ResolvedTarget {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(local, "local");
  }

  /** One line, e.g. {@code http://127.0.0.1:40123 (local moto), region us-east-1, credentials static test/test}. */
  String describe() {
    String where = endpoint.map(e -> e + local.map(l -> " (local " + l + ")").orElse(""))
        .orElse("AWS (a real account)");
    return where + ", region " + region + ", credentials " + credentials;
  }

  ObjectNode toJson() {
    ObjectNode n = Shapes.object();
    if (endpoint.isPresent()) {
      n.put("endpoint", endpoint.get());
    } else {
      n.putNull("endpoint");
    }
    n.put("region", region).put("credentials", credentials);
    if (local.isPresent()) {
      n.put("local", local.get());
    } else {
      n.putNull("local");
    }
    return n;
  }
}
