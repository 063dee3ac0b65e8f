package io.iamkit.backend.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Difference;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Secrets Manager side: the stack itself writes the access key into its
 * {@code AWS::SecretsManager::Secret} (the value never passes through this process during apply).
 * Here the backend only describes that secret, reads it once for a caller who asked for the key
 * in the {@code Deployment} (no {@code secretDelivery}), and removes a secret left pending deletion
 * after a destroy so the name can be used again.
 */
final class Secrets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PAUSE = Duration.ofMillis(250);

  private Secrets() { }

  /** The field path a secret difference is reported at. */
  static final String PATH = "spec.secretDelivery.secretName";

  /** The secret's description, none when there is no secret of that name or ARN. */
  static Option<DescribeSecretResponse> describe(Session s, String secretId) {
    return s.read("DescribeSecret", "secret " + secretId, () -> {
      try {
        return Option.of(s.clients.secrets().describeSecret(r -> r.secretId(secretId)));
      } catch (ResourceNotFoundException e) {
        return Option.<DescribeSecretResponse>none();
      }
    });
  }

  /**
   * Reads the access key's secret from the stack's secret, checking that it belongs to
   * {@code accessKeyId}. The value exists in this process only inside the returned {@link Secret};
   * a parse failure is reported without any of the text.
   */
  static Secret readKey(Session s, String secretId, String accessKeyId) {
    String text = s.read("GetSecretValue", "secret " + secretId,
        () -> s.clients.secrets().getSecretValue(r -> r.secretId(secretId)).secretString());
    JsonNode doc;
    try {
      doc = text == null ? null : JSON.readTree(text);
    } catch (java.io.IOException | RuntimeException e) {
      doc = null; // the exception quotes the text: dropped on purpose
    }
    String id = doc == null ? "" : doc.path("accessKeyId").asText("");
    String value = doc == null ? "" : doc.path("secretAccessKey").asText("");
    if (!accessKeyId.equals(id) || value.isEmpty()) {
      throw new StepFailed(new DeploymentError.VerificationFailed(List.of(Difference.changed(ResourceKind.SECRET,
          PATH, "JSON {accessKeyId: " + accessKeyId + ", secretAccessKey, userName}",
          doc == null ? "not JSON" : "accessKeyId " + (id.isEmpty() ? "(none)" : id)
              + (value.isEmpty() ? ", no secretAccessKey" : "")))));
    }
    return Secret.of(value);
  }

  /**
   * Deletes the secret without a recovery window and waits until Secrets Manager no longer lists
   * it, so the name can be created again at once. False when there was no such secret.
   */
  static boolean forceDelete(Session s, String secretName) {
    if (describe(s, secretName).isEmpty()) {
      return false;
    }
    s.step("DeleteSecret", ResourceKind.SECRET, secretName, Change.Action.DELETE,
        () -> s.clients.secrets().deleteSecret(r -> r.secretId(secretName).forceDeleteWithoutRecovery(true)));
    while (describe(s, secretName).isDefined()) {
      s.deadline.pause(PAUSE, "deletion of secret " + secretName);
    }
    return true;
  }
}
