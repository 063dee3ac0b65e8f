package io.iamkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK's own chains as the CLI describes them: the first line of a table names the credentials' source. */
class AwsDefaultsTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void theCredentialsSourceIsNamedInWordsNotByTheSdksMetricCode() {
    // test/test: what an emulator takes; system properties come first in the standard chain
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");

    for (boolean localSourcesOnly : new boolean[] {true, false}) {
      assertThat(AwsDefaults.sdk().credentialsSource(localSourcesOnly)).hasValueSatisfying(source -> {
        assertThat(source).contains("system properties").contains("aws.accessKeyId");
        assertThat(source).doesNotContain("test");
      });
    }
  }
}
