package io.iamkit.cli;

import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.SecretDelivery;
import io.iamkit.testkit.UniqueNames;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manifests for tests that deploy: the examples (or any user) with names unique to this run. */
final class TestManifests {
  static final Path EXAMPLES = Path.of("..", "examples", "manifests");

  private TestManifests() {}

  /** The example manifests with unique names. */
  static Seq<AwsIamUser> examples() {
    return Manifests.read(EXAMPLES).get().map(TestManifests::unique);
  }

  /** The user with {@code metadata.name} and {@code spec.userName} made unique. */
  static AwsIamUser unique(AwsIamUser user) {
    return user.toBuilder()
        .setMetadata(user.getMetadata().toBuilder().setName(UniqueNames.name(user.getMetadata().getName(), 63)))
        .setSpec(user.getSpec().toBuilder().setUserName(UniqueNames.user(user.getSpec().getUserName())))
        .build();
  }

  /** Writes the users as one multi-document YAML file. */
  static Path write(Path file, Seq<AwsIamUser> users) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, users.map(Manifests::toYaml).mkString("---\n"));
  }

  /** The payment service example, unique, delivering its key to the Secrets Manager secret {@code secretName}. */
  static AwsIamUser deliveringTo(String secretName) {
    AwsIamUser base = unique(byName(examples(), "payment-service-user"));
    return base.toBuilder()
        .setSpec(base.getSpec().toBuilder().setSecretDelivery(SecretDelivery.newBuilder().setSecretName(secretName)))
        .build();
  }

  static AwsIamUser byName(Seq<AwsIamUser> users, String metadataNamePrefix) {
    return users.find(u -> u.getMetadata().getName().startsWith(metadataNamePrefix)).get();
  }
}
