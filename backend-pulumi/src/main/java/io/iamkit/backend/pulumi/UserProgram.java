package io.iamkit.backend.pulumi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.iam.AccessKey;
import com.pulumi.aws.iam.AccessKeyArgs;
import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import com.pulumi.aws.iam.UserPoliciesExclusive;
import com.pulumi.aws.iam.UserPoliciesExclusiveArgs;
import com.pulumi.aws.iam.UserPolicy;
import com.pulumi.aws.iam.UserPolicyArgs;
import com.pulumi.aws.iam.UserPolicyAttachment;
import com.pulumi.aws.iam.UserPolicyAttachmentArgs;
import com.pulumi.aws.iam.UserPolicyAttachmentsExclusive;
import com.pulumi.aws.iam.UserPolicyAttachmentsExclusiveArgs;
import com.pulumi.aws.inputs.ProviderEndpointArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.iamkit.model.IamTags;
import io.iamkit.model.internal.StructJson;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.SecretDelivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The Pulumi program for one IAM user: the user, its managed-policy attachments, its inline
 * policies, exclusive management of both (so out-of-band grants are reverted), an access key unless
 * disabled, and optionally the key delivered to Secrets Manager. Every resource goes through one
 * explicit AWS provider built from the {@link PulumiTarget}.
 *
 * <p>Logical names never depend on list positions: a managed-policy attachment is named after its
 * ARN, an inline policy after its name, everything else has a fixed name. Reordering the spec or
 * renaming the user therefore keeps every logical name.
 *
 * <p>The secret access key is exported only as a Pulumi secret and written only into the
 * (secret) Secrets Manager value; it never passes through a log or a plain output.
 */
final class UserProgram implements Consumer<Context> {

  // logical names
  static final String PROVIDER = "aws-target";
  static final String USER = "user";
  static final String MANAGED_POLICY_PREFIX = "managed-policy-";
  static final String INLINE_POLICY_PREFIX = "inline-policy-";
  static final String MANAGED_POLICIES_EXCLUSIVE = "managed-policies-exclusive";
  static final String INLINE_POLICIES_EXCLUSIVE = "inline-policies-exclusive";
  static final String ACCESS_KEY = "access-key";
  static final String DELIVERY_SECRET = "key-delivery-secret";
  static final String DELIVERY_SECRET_VERSION = "key-delivery-secret-version";

  // stack outputs
  static final String OUT_USER_ARN = "userArn";
  static final String OUT_USER_NAME = "userName";
  static final String OUT_USER_ID = "userId";
  static final String OUT_ACCESS_KEY_ID = "accessKeyId";
  static final String OUT_SECRET_ACCESS_KEY = "secretAccessKey";
  static final String OUT_CONSOLE_URL = "consoleUrl";
  static final String OUT_SECRET_ARN = "secretArn";

  private final AwsIamUser manifest;
  private final PulumiTarget target;

  UserProgram(AwsIamUser manifest, PulumiTarget target) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  public void accept(Context ctx) {
    AwsIamUserSpec spec = manifest.getSpec();
    Provider provider = new Provider(PROVIDER, providerArgs(target));
    CustomResourceOptions viaProvider = CustomResourceOptions.builder().provider(provider).build();

    UserArgs.Builder userArgs = UserArgs.builder()
        .name(spec.getUserName())
        .path(spec.getPath().isEmpty() ? "/" : spec.getPath())
        // out-of-band keys, policies and attachments must not block destroy
        .forceDestroy(true);
    if (!spec.getPermissionsBoundary().isEmpty()) {
      userArgs.permissionsBoundary(spec.getPermissionsBoundary());
    }
    Map<String, String> tags = tags(manifest);
    if (!tags.isEmpty()) {
      userArgs.tags(tags);
    }
    User user = new User(USER, userArgs.build(), viaProvider);

    List<Resource> attachments = new ArrayList<>();
    for (String arn : spec.getManagedPolicyArnsList()) {
      attachments.add(new UserPolicyAttachment(managedPolicyLogicalName(arn),
          UserPolicyAttachmentArgs.builder().user(user.name()).policyArn(arn).build(), viaProvider));
    }
    new UserPolicyAttachmentsExclusive(MANAGED_POLICIES_EXCLUSIVE,
        UserPolicyAttachmentsExclusiveArgs.builder()
            .userName(user.name())
            .policyArns(Output.of(List.copyOf(spec.getManagedPolicyArnsList())))
            .build(),
        CustomResourceOptions.builder().provider(provider).dependsOn(attachments).build());

    List<Resource> inlinePolicies = new ArrayList<>();
    // sorted so the program registers resources in the same order for equal specs
    new TreeMap<>(spec.getInlinePoliciesMap()).forEach((name, document) ->
        inlinePolicies.add(new UserPolicy(INLINE_POLICY_PREFIX + name, UserPolicyArgs.builder()
            .user(user.name())
            .name(name) // explicit: Pulumi would otherwise add a random suffix
            .policy(StructJson.compact(document))
            .build(), viaProvider)));
    new UserPoliciesExclusive(INLINE_POLICIES_EXCLUSIVE,
        UserPoliciesExclusiveArgs.builder()
            .userName(user.name())
            .policyNames(Output.of(List.copyOf(new TreeMap<>(spec.getInlinePoliciesMap()).keySet())))
            .build(),
        CustomResourceOptions.builder().provider(provider).dependsOn(inlinePolicies).build());

    ctx.export(OUT_USER_ARN, user.arn());
    ctx.export(OUT_USER_NAME, user.name());
    ctx.export(OUT_USER_ID, user.uniqueId());
    ctx.export(OUT_CONSOLE_URL, user.arn().applyValue(UserProgram::consoleUrl));

    if (spec.getDisableAccessKeys()) {
      return;
    }
    AccessKey key = new AccessKey(ACCESS_KEY,
        AccessKeyArgs.builder().user(user.name()).status("Active").build(),
        CustomResourceOptions.builder().provider(provider)
            .additionalSecretOutputs("secret", "sesSmtpPasswordV4").build());
    Output<String> secretAccessKey = key.secret().asSecret();
    ctx.export(OUT_ACCESS_KEY_ID, key.id());
    ctx.export(OUT_SECRET_ACCESS_KEY, secretAccessKey);

    if (spec.hasSecretDelivery()) {
      SecretDelivery delivery = spec.getSecretDelivery();
      SecretArgs.Builder secretArgs = SecretArgs.builder()
          .name(delivery.getSecretName())
          .description("Access key of IAM user " + spec.getUserName() + " (managed by iamkit)")
          // delete at once on destroy: a secret pending deletion would block applying again
          .recoveryWindowInDays(0);
      if (!delivery.getKmsKeyId().isEmpty()) {
        secretArgs.kmsKeyId(delivery.getKmsKeyId());
      }
      if (!tags.isEmpty()) {
        secretArgs.tags(tags);
      }
      Secret secret = new Secret(DELIVERY_SECRET, secretArgs.build(), viaProvider);
      Output<String> value = Output.tuple(key.id(), secretAccessKey, user.name())
          .applyValue(t -> deliveredSecretJson(t.t1, t.t2, t.t3));
      new SecretVersion(DELIVERY_SECRET_VERSION, SecretVersionArgs.builder()
          .secretId(secret.id())
          .secretString(value.asSecret())
          .build(), viaProvider);
      ctx.export(OUT_SECRET_ARN, secret.arn());
    }
  }

  /** The explicit provider's inputs: region, credentials and, for an emulator, its endpoints. */
  static ProviderArgs providerArgs(PulumiTarget target) {
    ProviderArgs.Builder args = ProviderArgs.builder().region(target.region());
    target.credentials().ifPresent(credentials -> {
      args.accessKey(credentials.accessKeyId());
      args.secretKey(Output.ofSecret(credentials.secretAccessKey()));
      credentials.sessionToken().ifPresent(token -> args.token(Output.ofSecret(token)));
    });
    target.profile().ifPresent(args::profile);
    target.endpoint().ifPresent(endpoint -> {
      String url = endpoint.toString();
      args.endpoints(ProviderEndpointArgs.builder().iam(url).sts(url).secretsmanager(url).build());
      // an emulator has no real account, no EC2 metadata service and accepts any credentials
      args.skipCredentialsValidation(true);
      args.skipRequestingAccountId(true);
      args.skipMetadataApiCheck(true);
      args.skipRegionValidation(true);
    });
    return args.build();
  }

  /** IAM tags: the model's effective tags ({@code spec.tags}, then {@code metadata.tags}). */
  static Map<String, String> tags(AwsIamUser manifest) {
    return new TreeMap<>(IamTags.effective(manifest));
  }

  /**
   * A logical name for the attachment of one managed policy, derived from the ARN alone: the
   * policy's name for readability plus a short digest of the whole ARN, so two policies with the
   * same name under different paths or accounts never collide.
   */
  static String managedPolicyLogicalName(String arn) {
    String name = arn.substring(arn.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_.+=@-]", "_");
    return MANAGED_POLICY_PREFIX + name + "-" + digest(arn);
  }

  /** The account's sign-in URL for the account in a user ARN, in the ARN's partition. */
  static String consoleUrl(String userArn) {
    String[] parts = userArn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      throw new IllegalArgumentException("not an ARN: " + userArn);
    }
    return io.iamkit.api.Partition.consoleUrl(userArn);
  }

  static String deliveredSecretJson(String accessKeyId, String secretAccessKey, String userName) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("accessKeyId", accessKeyId);
    node.put("secretAccessKey", secretAccessKey);
    node.put("userName", userName);
    return node.toString();
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
