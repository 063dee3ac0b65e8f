package io.iamkit.examples;

import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Deployer;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.ResourceKind;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** The main job's out-of-band change: drift reports exactly its two grants, and destroy names them. */
@IamkitEmulator(backend = "direct")
class OutOfBandChangeIT {

  @Test
  void driftReportsExactlyTheTwoGrantsAndDestroyRemovesThem(Deployer deployer, IamClient iam, AwsEmulator emulator) {
    AwsIamUser payment = PaymentServiceUser.user();
    AwsIamUser user = payment.toBuilder()
        .setMetadata(payment.getMetadata().toBuilder().setName(UniqueNames.name("oob", 63)))
        .setSpec(payment.getSpec().toBuilder().setUserName(UniqueNames.user("oob")))
        .build();
    String name = user.getSpec().getUserName();
    deployer.apply(user).get();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = OutOfBandChange.run(new String[] {"--endpoint", emulator.endpoint().toString(), "--user", name,
        "--region", emulator.region().id()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("attached " + OutOfBandChange.ADMIN_POLICY, "put inline policy " + OutOfBandChange.INLINE_POLICY);
    assertThatUser(iam, name).hasExactlyInlinePolicies("PaymentServiceAccess", OutOfBandChange.INLINE_POLICY);

    DriftReport drift = deployer.drift(user).get();
    assertThat(drift.differences()).extracting(Difference::kind).containsOnly(Difference.Kind.OUT_OF_BAND);
    assertThat(drift.differences()).extracting(Difference::resource)
        .containsExactlyInAnyOrder(ResourceKind.MANAGED_POLICY_ATTACHMENT, ResourceKind.INLINE_POLICY);
    assertThat(drift.describe()).contains(OutOfBandChange.ADMIN_POLICY, OutOfBandChange.INLINE_POLICY);

    DestroyReport destroyed = deployer.destroy(user).get();
    assertThat(destroyed.outOfBand()).extracting(DestroyReport.Removed::resource)
        .contains(OutOfBandChange.ADMIN_POLICY, OutOfBandChange.INLINE_POLICY);
    assertThatUser(iam, name).isAbsent();
  }
}
