package io.iamkit.backend.direct;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.model.proto.SecretDelivery;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Delivery of an access key to AWS Secrets Manager as JSON {@code {accessKeyId, secretAccessKey,
 * userName}}. The secret's value goes only into the request; it is never logged or put in an event.
 * A secret this backend creates carries {@link Ownership#RESOURCE_TAG}; one without it is never
 * written to or deleted.
 */
final class SecretStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretStore() { }

  /** The secret's description, or none when there is no secret of that name. */
  static Option<DescribeSecretResponse> describe(Session s, String secretName) {
    return s.read("DescribeSecret", "secret " + secretName, () -> {
      try {
        return Option.of(s.clients.secrets().describeSecret(r -> r.secretId(secretName)));
      } catch (ResourceNotFoundException e) {
        return Option.<DescribeSecretResponse>none();
      }
    });
  }

  /** Whether the secret was created by this backend for this manifest (its {@link Ownership#RESOURCE_TAG}). */
  static boolean isOwn(Session s, DescribeSecretResponse secret) {
    return secret.hasTags() && secret.tags().stream()
        .anyMatch(t -> Ownership.RESOURCE_TAG.equals(t.key()) && s.user.name().equals(t.value()));
  }

  /**
   * Fails with {@link DeploymentError.Conflict} when a secret of that name exists (pending deletion
   * or not) that this backend did not create for this manifest: iamkit neither overwrites nor
   * force-deletes a secret it does not own. Run before any change, so a conflict changes nothing.
   */
  static void checkOwnership(Session s, String secretName) {
    describe(s, secretName).forEach(d -> checkOwnership(s, d));
  }

  private static void checkOwnership(Session s, DescribeSecretResponse secret) {
    if (!isOwn(s, secret)) {
      throw new StepFailed(new DeploymentError.Conflict("secret " + secret.name(),
          "a Secrets Manager secret of this name exists and was not created by iamkit for manifest '"
              + s.user.name() + "' (no " + Ownership.RESOURCE_TAG + "=" + s.user.name()
              + " tag); iamkit neither overwrites nor deletes it: choose another spec.secretDelivery.secretName"));
    }
  }

  /** Writes the key to the secret (creating it, or restoring it first if it is pending deletion); its ARN. */
  static String deliver(Session s, SecretDelivery delivery, String userName, String accessKeyId, Secret secret) {
    String name = delivery.getSecretName();
    String value = json(userName, accessKeyId, secret);
    Option<DescribeSecretResponse> existing = describe(s, name);
    existing.forEach(d -> checkOwnership(s, d));
    if (existing.isEmpty()) {
      return s.step("CreateSecret", ResourceKind.SECRET, name, Change.Action.CREATE,
          () -> s.clients.secrets().createSecret(r -> {
            r.name(name).secretString(value).description("Access key of IAM user " + userName + " (iamkit)")
                .tags(t -> t.key(Ownership.RESOURCE_TAG).value(s.user.name()));
            if (!delivery.getKmsKeyId().isEmpty()) {
              r.kmsKeyId(delivery.getKmsKeyId());
            }
          }).arn());
    }
    if (existing.get().deletedDate() != null) {
      s.step("RestoreSecret", ResourceKind.SECRET, name, Change.Action.UPDATE,
          () -> s.clients.secrets().restoreSecret(r -> r.secretId(name)));
    }
    if (!delivery.getKmsKeyId().isEmpty() && !delivery.getKmsKeyId().equals(existing.get().kmsKeyId())) {
      s.step("UpdateSecret", ResourceKind.SECRET, name, Change.Action.UPDATE,
          () -> s.clients.secrets().updateSecret(r -> r.secretId(name).kmsKeyId(delivery.getKmsKeyId())));
    }
    s.step("PutSecretValue", ResourceKind.SECRET, name, Change.Action.UPDATE,
        () -> s.clients.secrets().putSecretValue(r -> r.secretId(name).secretString(value)));
    return existing.get().arn();
  }

  /**
   * Deletes the secret at once, without a recovery window, so its name can be reused; false if
   * absent. A secret this backend did not create for the manifest is a conflict, never deleted.
   */
  static boolean forceDelete(Session s, String secretName) {
    Option<DescribeSecretResponse> existing = describe(s, secretName);
    if (existing.isEmpty()) {
      return false;
    }
    checkOwnership(s, existing.get());
    s.step("DeleteSecret", ResourceKind.SECRET, secretName, Change.Action.DELETE,
        () -> s.clients.secrets().deleteSecret(r -> r.secretId(secretName).forceDeleteWithoutRecovery(true)));
    return true;
  }

  private static String json(String userName, String accessKeyId, Secret secret) {
    Map<String, String> doc = new LinkedHashMap<>();
    doc.put("accessKeyId", accessKeyId);
    doc.put("secretAccessKey", secret.reveal());
    doc.put("userName", userName);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the secret document"); // no cause: it may quote the value
    }
  }
}
