package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsTargetTest {
  @Test
  void environmentGivesRegionEndpointAndTheDefaultChain() {
    AwsTarget t = AwsTarget.fromEnvironment(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:5000"));
    assertThat(t.region().get()).isEqualTo("eu-west-1");
    assertThat(t.endpointOverride().get()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(t.credentials()).isSameAs(AwsCredentials.defaultChain());
  }

  @Test
  void emptyEnvironmentLeavesRegionAndEndpointToTheSdk() {
    AwsTarget t = AwsTarget.fromEnvironment(Map.of("AWS_REGION", " "));
    assertThat(t.region().isEmpty()).isTrue();
    assertThat(t.endpointOverride().isEmpty()).isTrue();
  }

  @Test
  void builderOverridesAndKeepsTheRest() {
    AwsTarget t = AwsTarget.builder().region("us-east-1").endpointOverride("http://127.0.0.1:4566")
        .credentials(AwsCredentials.profile("ci")).build();
    AwsTarget t2 = t.toBuilder().region("eu-central-1").build();
    assertThat(t2.endpointOverride()).isEqualTo(t.endpointOverride());
    assertThat(t2.credentials()).isEqualTo(new AwsCredentials.Profile("ci"));
    assertThat(t2.region().get()).isEqualTo("eu-central-1");
  }

  @Test
  void invalidValuesThrow() {
    assertThatThrownBy(() -> AwsCredentials.of(" ", Secret.of("x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsCredentials.profile("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsTarget.builder().region("").build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void observersAreKeptInOrderAndCarriedByToBuilder() {
    AwsCallObserver a = (service, operation, request) -> { };
    AwsCallObserver b = (service, operation, request) -> { };
    AwsTarget t = AwsTarget.builder().region("us-east-1").observer(a).build().withObserver(b);
    assertThat(t.observers()).containsExactly(a, b);
    assertThat(t.toBuilder().region("eu-west-1").build().observers()).containsExactly(a, b);
    assertThat(new AwsTarget(t.region(), t.endpointOverride(), t.credentials()).observers()).isEmpty();
    assertThatThrownBy(() -> t.withObserver(null)).isInstanceOf(NullPointerException.class);
  }
}
