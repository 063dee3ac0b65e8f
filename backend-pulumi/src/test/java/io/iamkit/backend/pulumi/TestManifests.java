package io.iamkit.backend.pulumi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the canonical manifests (copies of the project's cases) onto the proto through protobuf's
 * JSON mapping. A stop-gap until {@code Manifests.parse} in module model lands.
 */
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
      Object tree = new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
      String json = new ObjectMapper().writeValueAsString(tree);
      AwsIamUser.Builder builder = AwsIamUser.newBuilder();
      JsonFormat.parser().merge(json, builder);
      return builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("bad test manifest " + resource, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
