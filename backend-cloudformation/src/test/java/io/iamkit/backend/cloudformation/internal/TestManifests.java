package io.iamkit.backend.cloudformation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the canonical manifests from test resources onto the proto: YAML to JSON with Jackson, then
 * protobuf's strict {@link JsonFormat} parser (unknown fields fail). Stands in for
 * {@code io.iamkit.model.Manifests.parse} until that lands.
 */
final class TestManifests {
  private TestManifests() {}

  static AwsIamUser load(String name) {
    String resource = "/manifests/" + name + ".yaml";
    try (InputStream in = TestManifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Object tree = new YAMLMapper().readValue(in, Object.class);
      return fromJson(new ObjectMapper().writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AwsIamUser fromJson(String json) {
    AwsIamUser.Builder builder = AwsIamUser.newBuilder();
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
    return builder.build();
  }
}
