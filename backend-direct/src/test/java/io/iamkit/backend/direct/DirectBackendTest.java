package io.iamkit.backend.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployer;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Secret;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.iamkit.model.proto.Metadata;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unit tests: registration, ownership tags, the tag quota, the timeout, console URLs. No AWS. */
class DirectBackendTest {

  @Test
  void aTargetWithoutARegionIsAnErrorValueNotAnException() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null
        && System.getenv("AWS_DEFAULT_REGION") == null, "the environment names a region");
    java.util.Map<String, String> saved = new java.util.HashMap<>();
    for (String key : new String[] {"aws.region", "aws.configFile", "aws.disableEc2Metadata"}) {
      String value = System.clearProperty(key);
      if (value != null) {
        saved.put(key, value);
      }
    }
    try {
      System.setProperty("aws.configFile", "/nonexistent/iamkit-test/config");
      System.setProperty("aws.disableEc2Metadata", "true");
      BackendContext context = new BackendContext(new AwsTarget(Option.none(),
          Option.some(URI.create("http://127.0.0.1:1")), AwsCredentials.of("test", Secret.of("test"))),
          e -> { }, DeployOptions.defaults());

      var result = new DirectBackend().preview(context, Fixture.valid(Fixture.manifest("cicd-deployer")));

      assertThat(result.isLeft()).isTrue();
      assertThat(result.getLeft()).isInstanceOf(DeploymentError.BackendFailed.class);
      assertThat(result.getLeft().message()).contains("no AWS region", "AWS_REGION");
    } finally {
      System.clearProperty("aws.configFile");
      System.clearProperty("aws.disableEc2Metadata");
      saved.forEach(System::setProperty);
    }
  }

  @Test
  void isRegisteredWithServiceLoaderAsDirectAndAvailable() {
    assertThat(Deployer.availableBackends())
        .anySatisfy(b -> {
          assertThat(b.name()).isEqualTo("direct");
          assertThat(b.availability().isAvailable()).isTrue();
        });
  }

  @Test
  void ownTagsAreHiddenFromTheComparisonAndNameTheOwnKey() {
    LiveUser raw = LiveUser.builder("svc").tag("Owner", "team").tag(Ownership.RESOURCE_TAG, "svc-manifest")
        .tag(Ownership.ACCESS_KEY_TAG, "AKIAOWN")
        .accessKey(new LiveAccessKey("AKIAOWN", LiveAccessKey.Status.Active, Instant.EPOCH))
        .accessKey(new LiveAccessKey("AKIAOTHER", LiveAccessKey.Status.Active, Instant.EPOCH))
        .build();

    Found f = Found.of(raw);

    assertThat(f.view().tags().toJavaMap()).containsOnlyKeys("Owner");
    assertThat(f.raw().tags().toJavaMap()).containsKeys(Ownership.RESOURCE_TAG, Ownership.ACCESS_KEY_TAG);
    assertThat(f.ownKeyId().get()).isEqualTo("AKIAOWN");
    assertThat(f.isOwnKey("AKIAOWN")).isTrue();
    assertThat(f.isOwnKey("AKIAOTHER")).isFalse();
    assertThat(Converger.foreignKeys(io.vavr.control.Option.some(f))).containsExactly("AKIAOTHER");
  }

  @Test
  void withoutAKeyTagNoKeyIsOwn() {
    Found f = Found.of(LiveUser.builder("svc")
        .accessKey(new LiveAccessKey("AKIA1", LiveAccessKey.Status.Active, Instant.EPOCH)).build());
    assertThat(f.ownKeyId().isEmpty()).isTrue();
    assertThat(f.ownKeyIdForDiff()).isEmpty();
    assertThat(f.isOwnKey("AKIA1")).isFalse();
  }

  /** Nothing listens here: an AWS call would end in a connection error, not in the error under test. */
  private static BackendContext nowhere(CallLog calls, DeployOptions options) {
    AwsTarget target = new AwsTarget(Option.of("us-east-1"), Option.of(URI.create("http://127.0.0.1:9")),
        AwsCredentials.of("test", Secret.of("test")));
    return new BackendContext(target.withObserver(calls), event -> { }, options);
  }

  private static AwsIamUser withTags(int count) {
    AwsIamUserSpec.Builder spec = AwsIamUserSpec.newBuilder().setUserName("svc")
        .addManagedPolicyArns("arn:aws:iam::aws:policy/ReadOnlyAccess");
    for (int i = 0; i < count; i++) {
      spec.putTags("k" + i, "v");
    }
    return AwsIamUser.newBuilder().setApiVersion("aws.project-planton.org/v1").setKind("AwsIamUser")
        .setMetadata(Metadata.newBuilder().setName("svc")).setSpec(spec).build();
  }

  @Test
  void moreTagsThanIamLeavesBesideTheOwnershipTagsAreRefusedBeforeAnyCall() {
    CallLog calls = new CallLog();
    BackendContext context = nowhere(calls, DeployOptions.defaults());
    ValidatedUser user = Fixture.valid(withTags(49)); // valid for IAM's 50, but direct adds 2 of its own

    for (var result : java.util.List.of(new DirectBackend().apply(context, user),
        new DirectBackend().preview(context, user))) {
      assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.InvalidSpec.class, e -> {
        assertThat(e.violations()).extracting(Violation::path, Violation::rule)
            .containsExactly(tuple("spec.tags", "tags.count"));
        assertThat(e.message()).contains("49 tags").contains(Ownership.RESOURCE_TAG).contains("at most 48");
      });
    }
    assertThat(calls.all()).isEmpty();
    assertThat(DirectBackend.tooManyTags(Fixture.valid(withTags(48))).isEmpty()).isTrue();
  }

  @Test
  void theOperationsTimeoutEndsItBeforeTheNextAwsCall() {
    CallLog calls = new CallLog();
    BackendContext context = nowhere(calls, DeployOptions.defaults().withTimeout(Duration.ofNanos(1)));

    var result = new DirectBackend().apply(context, Fixture.valid(withTags(0)));

    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.Timeout.class, t -> {
      assertThat(t.after()).isEqualTo(Duration.ofNanos(1));
      assertThat(t.operation()).contains("GetUser").contains("svc");
    });
    assertThat(calls.all()).isEmpty();
  }

  @Test
  void anUnreachableEndpointNamesTheOperationResourceAndUser() {
    CallLog calls = new CallLog();
    java.util.List<io.iamkit.api.ProgressEvent> events = new java.util.ArrayList<>();
    AwsTarget target = new AwsTarget(Option.of("us-east-1"), Option.of(URI.create("http://127.0.0.1:9")),
        AwsCredentials.of("test", Secret.of("test")));
    BackendContext context = new BackendContext(target.withObserver(calls), events::add, DeployOptions.defaults());

    var applied = new DirectBackend().apply(context, Fixture.valid(withTags(0)));
    var destroyed = new DirectBackend().destroy(context, Fixture.valid(withTags(0)));

    for (var result : java.util.List.of(applied.map(d -> (Object) d), destroyed.map(d -> (Object) d))) {
      assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendFailed.class, e -> {
        assertThat(e.backend()).isEqualTo("direct");
        assertThat(e.message()).contains("GetUser").contains("of user svc").contains("Unable to execute HTTP request");
      });
    }
  }

  @Test
  void theKeyMakersRetriesResendOnlyWhatAwsRefusedAsThrottledNeverALostAnswer() {
    var strategy = Clients.throttlingOnly(3);
    var throttled = software.amazon.awssdk.awscore.exception.AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("Throttling").build())
        .build();
    var lost = software.amazon.awssdk.core.exception.SdkClientException.create("Unexpected end of file from server",
        new java.net.SocketException("Connection reset"));

    var first = strategy.acquireInitialToken(software.amazon.awssdk.retries.api.AcquireInitialTokenRequest.create("iam"));
    assertThat(strategy.refreshRetryToken(software.amazon.awssdk.retries.api.RefreshRetryTokenRequest.builder()
        .token(first.token()).failure(throttled).build()).token()).isNotNull();

    var second = strategy.acquireInitialToken(software.amazon.awssdk.retries.api.AcquireInitialTokenRequest.create("iam"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> strategy.refreshRetryToken(
            software.amazon.awssdk.retries.api.RefreshRetryTokenRequest.builder().token(second.token()).failure(lost).build()))
        .isInstanceOf(software.amazon.awssdk.retries.api.TokenAcquisitionFailedException.class);
    assertThat(strategy.useClientDefaults()).as("the client must not add the SDK's own retry conditions").isFalse();
  }

  @Test
  void consoleUrlFollowsThePartition() {
    assertThat(Converger.consoleUrl("arn:aws:iam::123456789012:user/a"))
        .isEqualTo("https://123456789012.signin.aws.amazon.com/console");
    assertThat(Converger.consoleUrl("arn:aws-cn:iam::123456789012:user/a"))
        .isEqualTo("https://123456789012.signin.amazonaws.cn/console");
    assertThat(Converger.consoleUrl("arn:aws-us-gov:iam::123456789012:user/a"))
        .isEqualTo("https://123456789012.signin.amazonaws-us-gov.com/console");
  }
}
