package io.iamkit.testkit;

import io.iamkit.api.Secret;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * AssertJ assertions on an access key handed out by a deployment: what STS says it is. The secret
 * is used to sign the request and never appears in a failure message.
 *
 * <p>Emulator gap: moto does not verify signatures, so on moto a key "authenticates" by its id
 * alone; a wrong secret is only caught by an emulator or account that checks signatures.
 */
public final class AccessKeyAssert extends AbstractAssert<AccessKeyAssert, String> {

  private final AwsEmulator emulator;
  private final Secret secret;

  AccessKeyAssert(AwsEmulator emulator, String accessKeyId, Secret secret) {
    super(accessKeyId, AccessKeyAssert.class);
    this.emulator = Objects.requireNonNull(emulator, "emulator");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /** STS {@code GetCallerIdentity} signed with this key returns {@code userArn}. */
  public AccessKeyAssert authenticatesAs(String userArn) {
    isNotNull();
    String arn;
    try {
      arn = callerArn();
    } catch (SdkException e) {
      failWithMessage("Expecting access key <%s> to authenticate as <%s>, but STS refused it: %s",
          actual, userArn, e.getClass().getSimpleName());
      return this;
    }
    if (!Objects.equals(arn, userArn)) {
      failWithMessage("Expecting access key <%s> to authenticate as <%s>, but STS says it is <%s>",
          actual, userArn, arn);
    }
    return this;
  }

  private String callerArn() {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(actual, secret.reveal()));
    try (StsClient sts = emulator.clientFactory().toBuilder().credentials(credentials)
        .maxAttempts(1).build().sts()) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      return me.arn();
    }
  }
}
