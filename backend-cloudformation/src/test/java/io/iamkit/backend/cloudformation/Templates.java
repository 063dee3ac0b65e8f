package io.iamkit.backend.cloudformation;

import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.iamkit.model.proto.AwsIamUser;

/** Declarations of templates synthesized from spec lines, for unit tests. */
final class Templates {
  private Templates() { }

  static final String READ = "{Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: [\"s3:GetObject\"], Resource: \"*\"}]}";
  static final String WRITE = "{Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: [\"s3:PutObject\"], Resource: \"*\"}]}";

  /** A user named {@code svc} (metadata {@code svc}) with the given spec lines. */
  static AwsIamUser user(String specYaml) {
    return user("svc", specYaml);
  }

  static AwsIamUser user(String userName, String specYaml) {
    var parsed = io.iamkit.model.Manifests.parse("apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\n"
        + "metadata: {name: svc}\nspec:\n  userName: " + userName + "\n"
        + specYaml.stripTrailing().lines().map(l -> "  " + l + "\n").reduce("", String::concat), "test");
    if (parsed.isInvalid()) {
      throw new IllegalArgumentException(parsed.getError().mkString("; "));
    }
    return parsed.get().head();
  }

  static Declared declared(AwsIamUser user) {
    return Declared.parse(new TemplateSynthesizer().synthesize(user).templateBody());
  }

  static Declared declared(AwsIamUser user, int serial) {
    return Declared.parse(new TemplateSynthesizer().synthesize(user, serial).templateBody());
  }
}
