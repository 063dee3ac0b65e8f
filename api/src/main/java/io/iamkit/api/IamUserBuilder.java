package io.iamkit.api;

import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.model.Validator;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.iamkit.model.proto.SecretDelivery;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an {@link AwsIamUser} fluently: the same value a manifest with the same content parses to.
 * {@link #build()} runs the model's {@link Validator} and returns every violation, or the user; there
 * is no way to obtain a user that did not pass validation.
 *
 * <pre>{@code
 * Validation<Seq<Violation>, AwsIamUser> user = IamUserBuilder.named("compliance-auditor")
 *     .userName("compliance-readonly")
 *     .awsManagedPolicy("ReadOnlyAccess")
 *     .disableAccessKeys(true)
 *     .tag("Owner", "security-team")
 *     .build();
 * }</pre>
 */
public final class IamUserBuilder {
  /** The manifest {@code apiVersion}. */
  public static final String API_VERSION = "aws.project-planton.org/v1";
  /** The manifest {@code kind}. */
  public static final String KIND = "AwsIamUser";

  private final AwsIamUser.Builder user;
  private Partition partition = Partition.AWS;

  private IamUserBuilder(AwsIamUser.Builder user) {
    this.user = user;
  }

  /** Starts a user whose {@code metadata.name} is {@code name}. */
  public static IamUserBuilder named(String name) {
    Objects.requireNonNull(name, "name");
    return new IamUserBuilder(AwsIamUser.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind(KIND)
        .setMetadata(Metadata.newBuilder().setName(name))
        .setSpec(AwsIamUserSpec.newBuilder()));
  }

  /** Starts from an existing user (e.g. a parsed manifest) to change it. */
  public static IamUserBuilder from(AwsIamUser existing) {
    return new IamUserBuilder(Objects.requireNonNull(existing, "existing").toBuilder());
  }

  // ---- metadata

  public IamUserBuilder org(String org) {
    user.getMetadataBuilder().setOrg(Objects.requireNonNull(org, "org"));
    return this;
  }

  public IamUserBuilder env(String env) {
    user.getMetadataBuilder().setEnv(Objects.requireNonNull(env, "env"));
    return this;
  }

  /** {@code metadata.id}: an identifier of the manifest (informational). */
  public IamUserBuilder id(String id) {
    user.getMetadataBuilder().setId(Objects.requireNonNull(id, "id"));
    return this;
  }

  /**
   * Adds (or replaces) an entry of {@code metadata.tags} in its map form: like {@link #tag}, it
   * becomes an IAM tag on the user (the validator rejects a key that collides with a {@code spec.tags}
   * key of another value).
   */
  public IamUserBuilder metadataTag(String key, String value) {
    user.getMetadataBuilder().putTags(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public IamUserBuilder label(String key, String value) {
    user.getMetadataBuilder().putLabels(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public IamUserBuilder annotation(String key, String value) {
    user.getMetadataBuilder()
        .putAnnotations(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  // ---- spec

  /** The IAM user name ({@code spec.userName}). */
  public IamUserBuilder userName(String userName) {
    spec().setUserName(Objects.requireNonNull(userName, "userName"));
    return this;
  }

  /** The user's path, e.g. {@code /service-accounts/}. */
  public IamUserBuilder path(String path) {
    spec().setPath(Objects.requireNonNull(path, "path"));
    return this;
  }

  /** The partition used by {@link #awsManagedPolicy(String)}; {@link Partition#AWS} by default. */
  public IamUserBuilder partition(Partition partition) {
    this.partition = Objects.requireNonNull(partition, "partition");
    return this;
  }

  /** Attaches a managed policy by ARN. */
  public IamUserBuilder managedPolicy(String arn) {
    spec().addManagedPolicyArns(Objects.requireNonNull(arn, "arn"));
    return this;
  }

  /** Attaches an AWS managed policy by name, in this builder's partition. */
  public IamUserBuilder awsManagedPolicy(String name) {
    return managedPolicy(ManagedPolicies.aws(partition, name));
  }

  /** Adds (or replaces) an inline policy. */
  public IamUserBuilder inlinePolicy(String name, PolicyDocument document) {
    spec().putInlinePolicies(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(document, "document").toStruct());
    return this;
  }

  public IamUserBuilder inlinePolicy(String name, PolicyDocument.Builder document) {
    return inlinePolicy(name, Objects.requireNonNull(document, "document").build());
  }

  /** True: no access key. False (the default): one access key. */
  public IamUserBuilder disableAccessKeys(boolean disable) {
    spec().setDisableAccessKeys(disable);
    return this;
  }

  /** Adds (or replaces) an IAM tag on the user. */
  public IamUserBuilder tag(String key, String value) {
    spec().putTags(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public IamUserBuilder tags(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags").forEach(this::tag);
    return this;
  }

  /** The ARN of the managed policy used as permissions boundary. */
  public IamUserBuilder permissionsBoundary(String arn) {
    spec().setPermissionsBoundary(Objects.requireNonNull(arn, "arn"));
    return this;
  }

  /** Delivers the access key to a Secrets Manager secret of that name, encrypted with the default key. */
  public IamUserBuilder secretDelivery(String secretName) {
    spec().setSecretDelivery(SecretDelivery.newBuilder().setSecretName(Objects.requireNonNull(secretName, "secretName")));
    return this;
  }

  /** Delivers the access key to a Secrets Manager secret of that name, encrypted with the given KMS key. */
  public IamUserBuilder secretDelivery(String secretName, String kmsKeyId) {
    spec().setSecretDelivery(SecretDelivery.newBuilder()
        .setSecretName(Objects.requireNonNull(secretName, "secretName"))
        .setKmsKeyId(Objects.requireNonNull(kmsKeyId, "kmsKeyId")));
    return this;
  }

  // ---- build

  /** Validates with default account limits; every violation, or the user. */
  public Validation<Seq<Violation>, AwsIamUser> build() {
    return build(Validator.create());
  }

  /** Validates with the given validator; every violation, or the user. */
  public Validation<Seq<Violation>, AwsIamUser> build(Validator validator) {
    Objects.requireNonNull(validator, "validator");
    return validator.validate(user.build());
  }

  private AwsIamUserSpec.Builder spec() {
    return user.getSpecBuilder();
  }
}
