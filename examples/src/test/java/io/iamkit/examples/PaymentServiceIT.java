package io.iamkit.examples;

import static io.iamkit.testkit.IamAssertions.assertThatKey;
import static io.iamkit.testkit.IamAssertions.assertThatUser;

import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamkitEmulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** The README's testkit example, verbatim between the markers (ReadmeTest keeps the two in step). */
// README:begin
@IamkitEmulator(backend = "direct")
class PaymentServiceIT {
  @Test
  void deploys(Deployer deployer, IamClient iam, AwsEmulator emulator) {
    Deployment d = deployer.apply(PaymentServiceUser.user()).get();
    assertThatUser(iam, "payment-service-prod").exists()
        .hasExactlyInlinePolicies("PaymentServiceAccess")
        .hasAccessKeys(1, LiveAccessKey.Status.Active);
    assertThatKey(emulator, d.outputs().getAccessKeyId(), d.secret().get())
        .authenticatesAs(d.outputs().getUserArn());          // STS GetCallerIdentity with the new key
    deployer.destroy(PaymentServiceUser.user()).get();
    assertThatUser(iam, "payment-service-prod").isAbsent();
  }
}
// README:end
