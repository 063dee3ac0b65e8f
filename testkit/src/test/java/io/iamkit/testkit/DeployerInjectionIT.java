package io.iamkit.testkit;

import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.IamUserBuilder;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.conformance.ReferenceBackend;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** The backend named on the annotation is the one injected Deployers use, against the emulator. */
@IamkitEmulator(backend = ReferenceBackend.NAME)
class DeployerInjectionIT {

  @FromEmulator Deployer fieldDeployer;
  @FromEmulator IamClient iam;

  @Test
  void theAnnotationPicksTheBackendAndTheDeployerReachesTheEmulator(Deployer deployer) {
    assertThat(deployer.backendName()).isEqualTo(ReferenceBackend.NAME);
    assertThat(fieldDeployer.backendName()).isEqualTo(ReferenceBackend.NAME);
    String name = UniqueNames.user("inject");
    AwsIamUser user = IamUserBuilder.named("inject").userName(name)
        .awsManagedPolicy("ReadOnlyAccess").disableAccessKeys(true).build().get();

    Deployment d = deployer.apply(user).get();

    assertThat(d.outputs().getUserName()).isEqualTo(name);
    assertThatUser(iam, name).exists()
        .hasExactlyManagedPolicies("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(fieldDeployer.destroy(user).get().alreadyGone()).isFalse();
    assertThatUser(iam, name).isAbsent();
  }
}
