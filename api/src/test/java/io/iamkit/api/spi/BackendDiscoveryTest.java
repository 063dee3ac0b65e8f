package io.iamkit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.AwsTarget;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Deployer;
import io.iamkit.api.DeploymentError;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ServiceLoader handling when the class path is broken: a listed class that does not exist is
 * skipped, a backend whose constructor throws is listed as unavailable with the failure, and the
 * backends that do load keep working.
 */
@Timeout(30)
class BackendDiscoveryTest {
  private static final AwsTarget TARGET = AwsTarget.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));

  /** A class loader whose only services file is {@code discovery/io.iamkit.api.spi.Backend}. */
  private static ClassLoader brokenClassPath() {
    ClassLoader parent = BackendDiscoveryTest.class.getClassLoader();
    return new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        if (name.equals("META-INF/services/" + Backend.class.getName())) {
          return Collections.enumeration(List.of(parent.getResource("discovery/" + Backend.class.getName())));
        }
        return super.getResources(name);
      }
    };
  }

  private static AwsIamUser user() {
    return AwsIamUser.newBuilder()
        .setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName("svc"))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName("svc-user")
            .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .build();
  }

  @BeforeEach
  void reset() {
    RecordingBackend.reset();
  }

  @Test
  void aMissingClassIsSkippedAndAFailingConstructorIsListedAsUnavailableWithItsFailure() {
    var found = Deployer.availableBackends(brokenClassPath());

    assertThat(found).extracting(BackendInfo::name)
        .containsExactly(BrokenTestBackend.class.getName(), RecordingBackend.NAME);
    BackendInfo broken = found.head();
    assertThat(broken.availability().isAvailable()).isFalse();
    assertThat(broken.availability().reason()).contains("cannot be instantiated")
        .contains(BrokenTestBackend.FAILURE);
    assertThat(found.last().availability().isAvailable()).isTrue();
  }

  @Test
  void theBackendsThatLoadStillWork() {
    Deployer deployer = Deployer.builder().backend(RecordingBackend.NAME).target(TARGET)
        .classLoader(brokenClassPath()).build();

    assertThat(deployer.apply(user()).isRight()).isTrue();
    assertThat(RecordingBackend.CALLS).containsExactly(new RecordingBackend.Call("apply", "svc"));
  }

  @Test
  void askingForAnotherNameListsWhatIsKnownAndWhatCanRun() {
    Deployer deployer = Deployer.builder().backend("broken").target(TARGET).classLoader(brokenClassPath()).build();

    var error = deployer.apply(user()).getLeft();

    assertThat(error).isInstanceOfSatisfying(DeploymentError.BackendUnavailable.class, e -> {
      assertThat(e.reason()).contains("no backend named 'broken'")
          .contains(BrokenTestBackend.class.getName()).contains(RecordingBackend.NAME);
      assertThat(e.available()).extracting(BackendInfo::name).containsExactly(RecordingBackend.NAME);
    });
    assertThat(RecordingBackend.CALLS).isEmpty();
  }
}
