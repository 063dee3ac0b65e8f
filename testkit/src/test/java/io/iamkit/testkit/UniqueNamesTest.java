package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

  @Test
  void namesAreUniqueAndValidIamUserNames() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String n = UniqueNames.user("svc");
      assertThat(n).startsWith("svc-").matches("[\\w+=,.@-]{1,64}");
      assertThat(seen.add(n)).as("duplicate %s", n).isTrue();
    }
  }

  @Test
  void longPrefixIsShortenedToFitTheLimit() {
    String n = UniqueNames.user("x".repeat(80));
    assertThat(n).hasSizeLessThanOrEqualTo(64).startsWith("xxxx");
    assertThat(UniqueNames.name("policy", 20)).hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void rejectsPrefixesIamWouldReject() {
    assertThatThrownBy(() -> UniqueNames.user("bad name!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UniqueNames.user(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
