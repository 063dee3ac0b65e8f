package io.iamkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.Secret;
import io.iamkit.live.AwsClientFactory;
import io.vavr.control.Either;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a secret access key that a deployment delivered to Secrets Manager ({@code spec.secretDelivery}):
 * the JSON object {@code {"accessKeyId", "secretAccessKey", "userName"}}. Only for
 * {@code outputs --show-secret}. Error messages never quote the secret's text.
 */
final class DeliveredSecret {
  private DeliveredSecret() {}

  static Either<String, Secret> read(AwsTarget target, String secretArn) {
    String text;
    try (SecretsManagerClient sm = AwsClientFactory.forTarget(target).secretsManager()) {
      text = sm.getSecretValue(r -> r.secretId(secretArn)).secretString();
    } catch (AwsServiceException e) {
      return Either.left("not available: Secrets Manager refused to read " + secretArn + " ("
          + e.awsErrorDetails().errorCode() + ")");
    } catch (SdkException e) {
      return Either.left("not available: could not reach Secrets Manager (" + e.getClass().getSimpleName() + ")");
    }
    try {
      JsonNode n = Output.JSON.readTree(text == null ? "" : text);
      String value = n == null ? "" : n.path("secretAccessKey").asText("");
      return value.isEmpty()
          ? Either.left("not available: " + secretArn + " holds no secretAccessKey")
          : Either.right(Secret.of(value));
    } catch (IOException e) {
      return Either.left("not available: " + secretArn + " does not hold the JSON object iamkit writes");
    }
  }
}
