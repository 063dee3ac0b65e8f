package io.iamkit.testkit;

import io.iamkit.api.Secret;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Entry points of the testkit's AssertJ assertions on real IAM state, read through the IAM API with
 * {@link io.iamkit.live.LiveUserReader}:
 * <pre>{@code
 * assertThatUser(iam, "svc-a").exists().hasExactlyManagedPolicies(READ_ONLY).hasAccessKeys(1, Active);
 * assertThatKey(emulator, keyId, secret).authenticatesAs(userArn);
 * }</pre>
 * Each assertion reads IAM afresh, so it sees the state at the moment it runs.
 */
public final class IamAssertions {

  private IamAssertions() {}

  /** Assertions on the IAM user with this exact name. */
  public static IamUserAssert assertThatUser(IamClient iam, String userName) {
    return new IamUserAssert(iam, userName);
  }

  /** Assertions on what an access key can do against the emulator (STS). */
  public static AccessKeyAssert assertThatKey(AwsEmulator emulator, String accessKeyId,
      Secret secretAccessKey) {
    return new AccessKeyAssert(emulator, accessKeyId, secretAccessKey);
  }
}
