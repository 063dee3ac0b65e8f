package io.iamkit.backend.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamkit.api.Availability;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Deployer;
import io.iamkit.api.spi.Backend;
import io.iamkit.backend.cloudformation.internal.TestManifests;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CloudFormationBackendTest {

  @Test
  void registeredUnderItsNameAndAlwaysAvailable() {
    assertThat(ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::type))
        .contains(CloudFormationBackend.class);
    assertThat(Deployer.availableBackends())
        .contains(new BackendInfo("cloudformation", Availability.available()));
    assertThat(new CloudFormationBackend().name()).isEqualTo(CloudFormationBackend.NAME).isEqualTo("cloudformation");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cicd-deployer", "payment-service-user", "compliance-auditor"})
  void templateIsTheGoldenTemplateOfEachCanonicalUser(String name) throws IOException {
    AwsIamUser user = TestManifests.load(name);
    StackTemplate template = CloudFormationBackend.template(user);
    try (InputStream in = getClass().getResourceAsStream("/golden/" + name + ".template.json")) {
      assertThat(template.templateBody()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(template.stackName()).isEqualTo("iamkit-" + name);
    assertThat(template.fileName()).isEqualTo("iamkit-" + name + ".template.json");
    assertThat(template.toString()).doesNotContain("Resources").contains("iamkit-" + name);
    assertThat(CloudFormationBackend.template(user.toBuilder().build())).isEqualTo(template);
  }

  @Test
  void templateOfAUserThatCannotBeExpressedIsRefused() {
    AwsIamUser noName = TestManifests.load("cicd-deployer")
        .toBuilder().clearMetadata().build();
    assertThatThrownBy(() -> CloudFormationBackend.template(noName))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.name");
  }

  @Test
  void errorCodeIsReadFromCloudFormationsStatusReason() {
    assertThat(Converger.errorCode("Resource handler returned message: \"User with name x already exists. "
        + "(Service: Iam, Status Code: 409)\" (RequestToken: abc, HandlerErrorCode: AlreadyExists)", "CREATE_FAILED"))
        .isEqualTo("AlreadyExists");
    assertThat(Converger.errorCode("Resource provider operation failed: An error occurred (EntityAlreadyExists) "
        + "when calling the CreateUser operation: User x already exists", "CREATE_FAILED"))
        .isEqualTo("EntityAlreadyExists");
    assertThat(Converger.errorCode("Failed to delete resource with id User", "DELETE_FAILED")).isEqualTo("DELETE_FAILED");
  }
}
