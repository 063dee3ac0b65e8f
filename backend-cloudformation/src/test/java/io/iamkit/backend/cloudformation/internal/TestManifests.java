package io.iamkit.backend.cloudformation.internal;

import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the canonical manifests with the model's own reader, from the testkit's copies of the
 * project's case manifests (the ones the conformance suite deploys), so golden files, cfn-lint and
 * the suite all see the same users.
 */
public final class TestManifests {
  private TestManifests() {}

  public static AwsIamUser load(String name) {
    String resource = "/io/iamkit/testkit/cases/" + name + ".yaml";
    try (InputStream in = TestManifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      var parsed = Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
      if (parsed.isInvalid()) {
        throw new IllegalArgumentException(resource + ": " + parsed.getError().mkString("; "));
      }
      return parsed.get().head();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
