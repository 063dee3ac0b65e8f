package io.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.vavr.collection.Seq;

/** Small builders for test users. */
final class Users {
  private Users() {}

  static AwsIamUser.Builder user(String name, AwsIamUserSpec.Builder spec) {
    return AwsIamUser.newBuilder()
        .setApiVersion("aws.project-planton.org/v1")
        .setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName(name))
        .setSpec(spec);
  }

  static AwsIamUser.Builder user(AwsIamUserSpec.Builder spec) {
    return user("test-user", spec);
  }

  static AwsIamUserSpec.Builder spec(String userName) {
    return AwsIamUserSpec.newBuilder().setUserName(userName);
  }

  /** A policy document from YAML (or JSON) text, read the same way manifests read it. */
  static Struct policy(String text) {
    String manifest = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata: {name: p}\n"
        + "spec:\n  userName: p\n  inlinePolicies:\n    P: " + text.replace("\n", "\n      ") + "\n";
    var read = Manifests.parse(manifest, "policy");
    assertThat(read.isValid()).as("%s", read).isTrue();
    return read.get().head().getSpec().getInlinePoliciesOrThrow("P");
  }

  static Seq<Violation> violations(AwsIamUser.Builder user) {
    return Validator.create().validate(user.build()).fold(v -> v, ok -> io.vavr.collection.List.empty());
  }
}
