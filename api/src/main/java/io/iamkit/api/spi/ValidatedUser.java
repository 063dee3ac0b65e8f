package io.iamkit.api.spi;

import io.iamkit.model.Validator;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * An {@link AwsIamUser} that passed the {@link Validator}. Backends receive only these, so they never
 * see an invalid spec. Obtain one through {@link #validate(AwsIamUser, Validator)}.
 */
public final class ValidatedUser {
  private final AwsIamUser user;

  private ValidatedUser(AwsIamUser user) {
    this.user = user;
  }

  /** Validates the user; the result holds every violation, or the validated user. */
  public static Validation<Seq<Violation>, ValidatedUser> validate(AwsIamUser user, Validator validator) {
    return validator.validate(user).map(ValidatedUser::new);
  }

  /** Validates a set of users together (user names unique ignoring case). */
  public static Validation<Seq<Violation>, Seq<ValidatedUser>> validateAll(Seq<AwsIamUser> users, Validator validator) {
    return validator.validateAll(users).map(valid -> valid.map(ValidatedUser::new));
  }

  /** The whole resource. */
  public AwsIamUser user() {
    return user;
  }

  /** The spec. */
  public AwsIamUserSpec spec() {
    return user.getSpec();
  }

  /** {@code metadata.name}: names stacks and state. */
  public String name() {
    return user.getMetadata().getName();
  }

  /** {@code spec.userName}: the IAM user name. */
  public String userName() {
    return user.getSpec().getUserName();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatedUser other && user.equals(other.user);
  }

  @Override
  public int hashCode() {
    return user.hashCode();
  }

  @Override
  public String toString() {
    return "ValidatedUser[" + name() + ", userName=" + userName() + "]";
  }
}
