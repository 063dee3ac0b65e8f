package io.iamkit.backend.direct;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Deployer;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unit tests: registration, ownership tags, console URLs. No AWS. */
class DirectBackendTest {

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
