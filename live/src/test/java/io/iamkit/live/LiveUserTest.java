package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveUserTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static LiveUser user(List<String> arns, Map<String, InlinePolicy> inline,
      List<AccessKey> keys) {
    return new LiveUser("svc", "AIDA1", "arn:aws:iam::123456789012:user/svc", "/",
        Optional.empty(), T0, Map.of("Owner", "team"), arns, inline, keys);
  }

  @Test
  void normalisesOrderSoEqualStatesAreEqual() {
    AccessKey older = new AccessKey("AKIA2", AccessKey.Status.ACTIVE, T0, Optional.empty());
    AccessKey newer = new AccessKey("AKIA1", AccessKey.Status.INACTIVE, T0.plusSeconds(5),
        Optional.empty());
    InlinePolicy a = InlinePolicy.fromIam("A", "{}");
    InlinePolicy b = InlinePolicy.fromIam("B", "{}");
    Map<String, InlinePolicy> inline = new HashMap<>();
    inline.put("B", b);
    inline.put("A", a);
    LiveUser u1 = user(List.of("arn:z", "arn:a"), inline, List.of(newer, older));
    LiveUser u2 = user(List.of("arn:a", "arn:z"), Map.of("A", a, "B", b), List.of(older, newer));
    assertThat(u1).isEqualTo(u2);
    assertThat(u1.managedPolicyArns()).containsExactly("arn:a", "arn:z");
    assertThat(u1.inlinePolicies().keySet()).containsExactly("A", "B");
    assertThat(u1.accessKeys()).extracting(AccessKey::accessKeyId).containsExactly("AKIA2", "AKIA1");
    assertThat(u1.accessKey("AKIA1")).contains(newer);
    assertThat(u1.inlinePolicy("A")).contains(a);
    assertThat(u1.inlinePolicy("a")).isEmpty();
  }

  @Test
  void isImmutable() {
    List<String> arns = new ArrayList<>(List.of("arn:a"));
    LiveUser u = user(arns, Map.of(), List.of());
    arns.add("arn:b");
    assertThat(u.managedPolicyArns()).containsExactly("arn:a");
    assertThatThrownBy(() -> u.tags().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> u.managedPolicyArns().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAnInlinePolicyFiledUnderAnotherName() {
    assertThatThrownBy(() -> user(List.of(), Map.of("A", InlinePolicy.fromIam("B", "{}")),
        List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accessKeyStatusUsesIamSpelling() {
    assertThat(AccessKey.Status.of("Active")).isEqualTo(AccessKey.Status.ACTIVE);
    assertThat(AccessKey.Status.of("Inactive")).isEqualTo(AccessKey.Status.INACTIVE);
    assertThat(AccessKey.Status.INACTIVE.iamValue()).isEqualTo("Inactive");
    assertThatThrownBy(() -> AccessKey.Status.of("Expired"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readerRejectsPageSizesIamWouldReject() {
    assertThatThrownBy(() -> LiveUserReader.builder(null).build())
        .isInstanceOf(NullPointerException.class);
    software.amazon.awssdk.services.iam.IamClient iam =
        software.amazon.awssdk.services.iam.IamClient.builder()
            .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL)
            .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider
                .create())
            .build();
    try (iam) {
      assertThatThrownBy(() -> LiveUserReader.builder(iam).pageSize(0).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> LiveUserReader.builder(iam).pageSize(1001).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(LiveUserReader.builder(iam).pageSize(1000).build().pageSize()).contains(1000);
      assertThat(LiveUserReader.of(iam).pageSize()).isEmpty();
    }
  }
}
