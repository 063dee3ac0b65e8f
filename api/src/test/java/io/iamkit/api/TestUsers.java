package io.iamkit.api;

import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Users and manifest files for tests. */
final class TestUsers {
  private TestUsers() { }

  /** A valid user built as a proto (not through the builder). */
  static AwsIamUser valid(String name, String userName) {
    return AwsIamUser.newBuilder()
        .setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName(name))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName(userName)
            .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .build();
  }

  /** A copy of the manifests under /work/shared/cases, kept in the test resources. */
  static Path resource(String name) {
    try {
      return Path.of(TestUsers.class.getResource("/cases/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource missing: /cases/" + name, e);
    }
  }

  static AwsIamUser manifest(String name) {
    var read = Manifests.read(resource(name));
    if (read.isInvalid()) {
      throw new IllegalStateException(name + ": " + read.getError().mkString("; "));
    }
    return read.get().single();
  }
}
