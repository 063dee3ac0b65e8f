package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployer;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.Secret;
import io.iamkit.model.proto.AwsIamUser;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prerequisites of the pulumi backend as a user meets them: through the {@link Deployer}, before
 * any work (no engine opened, no AWS call: the target's endpoint does not even listen).
 */
class PulumiBackendDeployerTest {
  /** Nothing listens here: an AWS call would fail with a connection error, not a prerequisite error. */
  private static final AwsTarget NOWHERE = AwsTarget.builder().region("us-east-1")
      .endpointOverride("http://127.0.0.1:9")
      .credentials(AwsCredentials.of("test", Secret.of("test"))).build();

  @TempDir Path temp;
  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

  private static AwsIamUser user() {
    return TestManifests.load(TestManifests.PAYMENT_SERVICE_USER);
  }

  @Test
  void theBackendIsRegisteredUnderItsName() {
    assertThat(Deployer.availableBackends(PulumiBackend.class.getClassLoader()))
        .extracting(BackendInfo::name).contains("pulumi");
    assertThat(new PulumiBackend().name()).isEqualTo("pulumi").isEqualTo(Deployer.DEFAULT_BACKEND);
  }

  @Test
  void withoutTheCliTheDefaultBackendIsUnavailableNamingTheAlternatives() {
    assumeTrue(PulumiCli.locate().isEmpty(), "a pulumi CLI is on PATH here");
    Deployer deployer = Deployer.builder().target(NOWHERE)
        .options(DeployOptions.defaults().withStateDirectory(temp.resolve("state")))
        .listener(events::add).build();

    for (var result : List.of(deployer.apply(user()), deployer.preview(user()), deployer.drift(user()),
        deployer.outputs(user()), deployer.destroy(user()))) {
      assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendUnavailable.class, u -> {
        assertThat(u.backend()).isEqualTo("pulumi");
        assertThat(u.reason()).contains("pulumi CLI is not on PATH")
            .contains("https://www.pulumi.com/docs/iac/download-install/")
            .contains("`direct`").contains("`cloudformation`").contains("work without it");
      });
    }
    assertThat(new PulumiBackend().availability().isAvailable()).isFalse();
    assertThat(events).isEmpty();
    assertThat(temp.resolve("state")).doesNotExist();
  }

  @Test
  void withTheCliButNoPassphraseEveryOperationIsRefusedBeforeAnyWork() {
    Deployer deployer = Deployer.builder().target(NOWHERE)
        .options(DeployOptions.defaults().withStateDirectory(temp.resolve("state")))
        .classLoader(servicesFrom("passphraseless/io.iamkit.api.spi.Backend"))
        .listener(events::add).build();
    int openedBefore = PassphraselessPulumiBackend.ENGINE.opened;

    for (var result : List.of(deployer.apply(user()), deployer.preview(user()), deployer.drift(user()),
        deployer.outputs(user()), deployer.destroy(user()))) {
      assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendUnavailable.class, u -> {
        assertThat(u.backend()).isEqualTo("pulumi");
        assertThat(u.reason()).contains("no passphrase").contains("PULUMI_CONFIG_PASSPHRASE");
      });
    }
    assertThat(PassphraselessPulumiBackend.ENGINE.opened).isEqualTo(openedBefore);
    assertThat(PassphraselessPulumiBackend.ENGINE.calls).isEmpty();
    assertThat(events).isEmpty();
    assertThat(temp.resolve("state")).doesNotExist();
  }

  @Test
  void anInvalidSpecNeverReachesTheBackend() {
    AwsIamUser bad = user().toBuilder().setSpec(user().getSpec().toBuilder().setUserName("bad name!")).build();
    Deployer deployer = Deployer.builder().target(NOWHERE).build();

    assertThat(deployer.apply(bad).getLeft()).isInstanceOf(DeploymentError.InvalidSpec.class);
  }

  /** A class loader whose only registered backend is the one listed in {@code resource}. */
  private static ClassLoader servicesFrom(String resource) {
    ClassLoader parent = PulumiBackendDeployerTest.class.getClassLoader();
    return new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        if (name.equals("META-INF/services/io.iamkit.api.spi.Backend")) {
          return Collections.enumeration(List.of(parent.getResource(resource)));
        }
        return super.getResources(name);
      }
    };
  }
}
