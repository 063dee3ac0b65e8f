package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.policy.Statement;
import io.iamkit.api.spi.RecordingBackend;
import io.iamkit.model.proto.AwsIamUser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "embed it" example that the top-level README.md shows. Keep the two in step: the README quotes
 * the code between the {@code README:begin} and {@code README:end} markers ({@link ReadmeSectionTest}).
 */
class EmbedExampleTest {

  /** Where the example puts the key; in an application this is Vault, Secrets Manager, etc. */
  interface SecretStore {
    void put(String name, String value);
  }

  // README:begin
  /** Creates (or converges) a read-only user for one tenant and stores its key; returns the user's ARN. */
  static String provisionTenantReader(Deployer deployer, String tenant, SecretStore store) {
    AwsIamUser user = IamUserBuilder.named("tenant-" + tenant)
        .userName("tenant-" + tenant + "-reader")
        .inlinePolicy("TenantDataRead", PolicyDocument.builder()
            .statement(Statement.allow()
                .actions("s3:GetObject", "s3:ListBucket")
                .resources("arn:aws:s3:::tenant-data-" + tenant, "arn:aws:s3:::tenant-data-" + tenant + "/*")))
        .tag("Tenant", tenant)
        .build()                                   // every violation at once, or the user
        .toEither()
        .getOrElseThrow(violations -> new IllegalArgumentException(violations.mkString("; ")));

    Deployment deployment = deployer.apply(user)   // validated again, then applied and verified
        .getOrElseThrow(error -> new IllegalStateException(error.message()));

    // The secret comes back once, on the apply that created the key.
    deployment.secret().forEach(secret ->
        store.put("iam/" + user.getSpec().getUserName(), secret.reveal()));
    return deployment.outputs().getUserArn();
  }
  // README:end

  @Test
  void provisionsATenantUserAndHandsTheSecretToTheStore() {
    RecordingBackend.reset();
    Map<String, String> store = new HashMap<>();
    // In an application: Deployer.builder().backend("direct").target(AwsTarget.fromEnvironment()).build()
    Deployer deployer = Deployer.builder()
        .backend(RecordingBackend.NAME)
        .target(AwsTarget.fromEnvironment(Map.of("AWS_REGION", "eu-west-1")))
        .build();

    String arn = provisionTenantReader(deployer, "acme", store::put);

    assertThat(arn).isEqualTo("arn:aws:iam::123456789012:user/tenant-acme-reader");
    assertThat(store).containsExactly(Map.entry("iam/tenant-acme-reader", RecordingBackend.SECRET_VALUE));
    assertThat(RecordingBackend.CALLS).containsExactly(new RecordingBackend.Call("apply", "tenant-acme"));
  }
}
