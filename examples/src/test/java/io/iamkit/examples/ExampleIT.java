package io.iamkit.examples;

import static io.iamkit.testkit.IamAssertions.assertThatKey;
import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Change;
import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamUserAssert;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * One example end to end on the emulator with backend {@code direct}: preview, apply, check the user
 * through plain IAM reads (and, for a user with a key, that the handed-out key authenticates as the
 * user), no drift, destroy, gone. Names get a unique suffix, so runs can share an emulator.
 */
@IamkitEmulator(backend = "direct")
abstract class ExampleIT {

  /** The example as its Java code builds it. */
  abstract AwsIamUser example();

  /** What IAM must hold for the example, beyond existing. */
  abstract void assertDeployed(IamUserAssert user);

  private AwsIamUser unique() {
    AwsIamUser user = example();
    return user.toBuilder()
        .setMetadata(user.getMetadata().toBuilder().setName(UniqueNames.name(user.getMetadata().getName(), 63)))
        .setSpec(user.getSpec().toBuilder().setUserName(UniqueNames.user(user.getSpec().getUserName())))
        .build();
  }

  @Test
  void deploysVerifiesAndDestroys(Deployer deployer, IamClient iam, AwsEmulator emulator) {
    AwsIamUser user = unique();
    String name = user.getSpec().getUserName();
    boolean withKey = !user.getSpec().getDisableAccessKeys();

    Plan plan = deployer.preview(user).get();
    assertThat(plan.changes(Change.Action.CREATE)).extracting(Change::kind).contains(ResourceKind.USER);
    assertThatUser(iam, name).isAbsent();

    Deployment deployment = deployer.apply(user).get();
    assertThat(deployment.changed()).isTrue();
    assertThat(deployment.outputs().getUserName()).isEqualTo(name);
    assertDeployed(assertThatUser(iam, name).exists());
    if (withKey) {
      assertThat(deployment.secret().isDefined()).as("the secret of the new key, handed out once").isTrue();
      assertThatUser(iam, name).hasOnlyAccessKey(deployment.outputs().getAccessKeyId(),
          io.iamkit.api.state.LiveAccessKey.Status.Active);
      assertThatKey(emulator, deployment.outputs().getAccessKeyId(), deployment.secret().get())
          .authenticatesAs(deployment.outputs().getUserArn());
    } else {
      assertThat(deployment.secret().isEmpty()).as("no secret without a key").isTrue();
      assertThatUser(iam, name).hasNoAccessKeys();
    }

    assertThat(deployer.drift(user).get().isEmpty()).as("drift right after apply").isTrue();
    assertThat(deployer.apply(user).get().changed()).as("a second apply changes nothing").isFalse();

    DestroyReport destroyed = deployer.destroy(user).get();
    assertThat(destroyed.alreadyGone()).isFalse();
    assertThat(destroyed.outOfBand()).isEmpty();
    assertThatUser(iam, name).isAbsent();
  }
}
