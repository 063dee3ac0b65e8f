package io.iamkit.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.AwsTarget;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Deployer;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.model.Manifests;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.vavr.collection.List;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Deployer against test backends registered in src/test/resources/META-INF/services. */
class DeployerTest {
  private static final AwsTarget TARGET = AwsTarget.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));

  @BeforeEach
  void reset() {
    RecordingBackend.reset();
  }

  private static AwsIamUser user(String name, String userName) {
    return AwsIamUser.newBuilder()
        .setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName(name))
        .setSpec(AwsIamUserSpec.newBuilder().setUserName(userName)
            .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess"))
        .build();
  }

  private static Deployer deployer(String backend) {
    return Deployer.builder().backend(backend).target(TARGET).build();
  }

  @Test
  void discoversRegisteredBackendsWithTheirAvailability() {
    assertThat(Deployer.availableBackends()).containsExactly(
        new BackendInfo(UnavailableTestBackend.NAME, io.iamkit.api.Availability.unavailable(UnavailableTestBackend.REASON)),
        new BackendInfo(RecordingBackend.NAME, io.iamkit.api.Availability.available()));
  }

  @Test
  void selectsTheBackendByNameAndRunsEveryOperation() {
    Deployer d = deployer("recording");
    AwsIamUser u = user("svc", "svc-user");
    assertThat(d.preview(u).get().changes().head().resource()).isEqualTo("svc-user");
    assertThat(d.apply(u).get().outputs().getUserName()).isEqualTo("svc-user");
    assertThat(d.outputs(u).get().get().getUserArn()).endsWith(":user/svc-user");
    assertThat(d.drift(u).get().isEmpty()).isTrue();
    assertThat(d.destroy(u).get().removed()).hasSize(1);
    assertThat(RecordingBackend.CALLS).extracting(RecordingBackend.Call::operation)
        .containsExactly("preview", "apply", "outputs", "drift", "destroy");
  }

  @Test
  void backendNameIsCaseInsensitive() {
    assertThat(deployer(" Recording ").preview(user("svc", "svc-user")).isRight()).isTrue();
  }

  @Test
  void theDefaultIsPulumi_whichIsNotRegisteredHere_soTheErrorNamesWhatIsAvailable() {
    Deployer d = Deployer.builder().target(TARGET).build();
    assertThat(d.backendName()).isEqualTo("pulumi").isEqualTo(Deployer.DEFAULT_BACKEND);
    var result = d.apply(user("svc", "svc-user"));
    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendUnavailable.class, e -> {
      assertThat(e.backend()).isEqualTo("pulumi");
      assertThat(e.reason()).contains("no backend named 'pulumi'").contains("recording").contains("needs-tool");
      assertThat(e.available()).extracting(BackendInfo::name).containsExactly("recording");
      assertThat(e.message()).contains("available: recording");
    });
    assertThat(RecordingBackend.CALLS).isEmpty();
  }

  @Test
  void anUnknownNameIsAnErrorListingTheAvailableBackends() {
    var result = deployer("terraform").preview(user("svc", "svc-user"));
    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendUnavailable.class, e -> {
      assertThat(e.backend()).isEqualTo("terraform");
      assertThat(e.message()).contains("terraform").contains("available: recording");
    });
    assertThat(RecordingBackend.CALLS).isEmpty();
  }

  @Test
  void anUnavailableBackendSaysWhyAndNamesTheAlternatives() {
    var result = deployer(UnavailableTestBackend.NAME).apply(user("svc", "svc-user"));
    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendUnavailable.class, e -> {
      assertThat(e.reason()).isEqualTo(UnavailableTestBackend.REASON);
      assertThat(e.available()).extracting(BackendInfo::name).containsExactly("recording");
    });
  }

  @Test
  void eventsFlowFromTheBackendToTheListener() {
    var events = new ArrayList<ProgressEvent>();
    Deployer d = Deployer.builder().backend("recording").target(TARGET).listener(events::add).build();
    assertThat(d.apply(user("svc", "svc-user")).isRight()).isTrue();
    assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
        "Message", "ResourceStarted", "ResourceFinished", "ResourceStarted", "ResourceFinished");
    assertThat(events.get(1)).isEqualTo(new ProgressEvent.ResourceStarted("svc-user", ResourceKind.USER, "svc-user",
        io.iamkit.api.Change.Action.CREATE));
  }

  @Test
  void aThrowingListenerDoesNotInterruptTheOperation() {
    var seen = new ArrayList<ProgressEvent>();
    Deployer d = Deployer.builder().backend("recording").target(TARGET)
        .listener(e -> {
          seen.add(e);
          throw new IllegalStateException("listener bug");
        })
        .build();
    assertThat(d.apply(user("svc", "svc-user")).isRight()).isTrue();
    assertThat(seen).hasSize(5);
  }

  @Test
  void aBackendFailureIsAValueAndTheFailedResourceIsReported() {
    var events = new ArrayList<ProgressEvent>();
    RecordingBackend.failApplyWith = new DeploymentError.RejectedByAws("LimitExceeded", "AKIAEXAMPLE", "too many keys");
    Deployer d = Deployer.builder().backend("recording").target(TARGET).listener(events::add).build();
    var result = d.apply(user("svc", "svc-user"));
    assertThat(result.getLeft()).isEqualTo(RecordingBackend.failApplyWith);
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(ProgressEvent.ResourceFailed.class,
        f -> assertThat(f.reason()).contains("LimitExceeded"));
  }

  @Test
  void invalidSpecMeansZeroBackendCalls() {
    Deployer d = deployer("recording");
    AwsIamUser bad = user("svc", "deploy bot!");
    assertThat(d.preview(bad).getLeft()).isInstanceOfSatisfying(DeploymentError.InvalidSpec.class,
        e -> assertThat(e.violations()).extracting(v -> v.path()).contains("spec.userName"));
    assertThat(d.apply(bad).isLeft()).isTrue();
    assertThat(d.outputs(bad).isLeft()).isTrue();
    assertThat(d.drift(bad).isLeft()).isTrue();
    assertThat(d.destroy(bad).isLeft()).isTrue();
    assertThat(d.applyAll(List.of(user("ok", "ok-user"), bad)).isLeft()).isTrue();
    assertThat(RecordingBackend.CALLS).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad-user-name.yaml", "too-long-user-name.yaml", "bad-arns.yaml", "bad-policy-grammar.yaml",
      "inline-aggregate-too-large.yaml", "bad-tags.yaml", "unknown-field.yaml", "wrong-kind.yaml"})
  void invalidManifestsNeverReachTheBackend(String file) throws URISyntaxException {
    Path path = Path.of(DeployerTest.class.getResource("/cases/invalid/" + file).toURI());
    var read = Manifests.read(path);
    if (read.isValid()) {
      var result = deployer("recording").applyAll(read.get());
      assertThat(result.getLeft()).as(file).isInstanceOf(DeploymentError.InvalidSpec.class);
      assertThat(((DeploymentError.InvalidSpec) result.getLeft()).violations()).isNotEmpty();
    } else {
      assertThat(read.getError()).as(file).isNotEmpty();
    }
    assertThat(RecordingBackend.CALLS).isEmpty();
  }

  @Test
  void c07_namesThatDifferOnlyInCaseAreRejectedAsASetBeforeAnyCall() {
    var result = deployer("recording").applyAll(List.of(user("a", "svc-x"), user("b", "SVC-X")));
    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.InvalidSpec.class,
        e -> assertThat(e.message()).containsIgnoringCase("svc-x"));
    assertThat(RecordingBackend.CALLS).isEmpty();
  }

  @Test
  void aSetRunsUserByUserAndKeysResultsByUserName() {
    var result = deployer("recording").applyAll(List.of(user("a", "user-a"), user("b", "user-b")));
    assertThat(result.get().keySet().toJavaList()).containsExactly("user-a", "user-b");
    assertThat(result.get().values().forAll(r -> r.isRight())).isTrue();
    assertThat(RecordingBackend.CALLS).containsExactly(
        new RecordingBackend.Call("apply", "a"), new RecordingBackend.Call("apply", "b"));
  }
}
