package io.iamkit.model;

import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * Checks every AWS rule on an {@link AwsIamUser} before any AWS call, reporting all violations at once.
 */
public final class Validator {
  private final ValidationOptions options;

  private Validator(ValidationOptions options) {
    this.options = options;
  }

  public static Validator create() {
    return new Validator(ValidationOptions.defaults());
  }

  public static Validator create(ValidationOptions options) {
    return new Validator(options);
  }

  public ValidationOptions options() {
    return options;
  }

  /** Validates one user. */
  public Validation<Seq<Violation>, AwsIamUser> validate(AwsIamUser user) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Validates a set of users, each on its own and as a whole (user names unique ignoring case). */
  public Validation<Seq<Violation>, Seq<AwsIamUser>> validateAll(Seq<AwsIamUser> users) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
