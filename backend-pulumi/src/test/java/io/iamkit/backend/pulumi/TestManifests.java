package io.iamkit.backend.pulumi;

import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The canonical manifests (copies of the project's cases), read with the model's {@link Manifests}. */
final class TestManifests {
  static final String CICD_DEPLOYER = "cicd-deployer";
  static final String PAYMENT_SERVICE_USER = "payment-service-user";
  static final String COMPLIANCE_AUDITOR = "compliance-auditor";

  private TestManifests() {}

  static AwsIamUser load(String name) {
    String resource = "/manifests/" + name + ".yaml";
    try (InputStream in = TestManifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test manifest " + resource);
      }
      var parsed = Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
      if (parsed.isInvalid()) {
        throw new IllegalArgumentException("bad test manifest " + resource + ": " + parsed.getError());
      }
      return parsed.get().single();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
