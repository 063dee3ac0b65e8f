package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

class LiveUserReaderTest {

  @Test
  void rejectsPageSizesIamWouldReject() {
    assertThatThrownBy(() -> LiveUserReader.builder(null).build())
        .isInstanceOf(NullPointerException.class);
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
      assertThatThrownBy(() -> LiveUserReader.builder(iam).pageSize(0).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> LiveUserReader.builder(iam).pageSize(1001).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(LiveUserReader.builder(iam).pageSize(1000).build().pageSize()).contains(1000);
      assertThat(LiveUserReader.of(iam).pageSize()).isEmpty();
    }
  }
}
