package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamkit.model.proto.AwsIamUserOutputs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOutputsTest {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  static Map<String, StackOutputs.Value> deployed(boolean withKey) {
    Map<String, StackOutputs.Value> m = new LinkedHashMap<>();
    m.put("userArn", new StackOutputs.Value("arn:aws:iam::123456789012:user/svc", false));
    m.put("userName", new StackOutputs.Value("svc", false));
    m.put("userId", new StackOutputs.Value("AIDAEXAMPLE", false));
    m.put("consoleUrl", new StackOutputs.Value("https://123456789012.signin.aws.amazon.com/console", false));
    if (withKey) {
      m.put("accessKeyId", new StackOutputs.Value("AKIAEXAMPLE", false));
      m.put("secretAccessKey", new StackOutputs.Value(SECRET, true));
    }
    return m;
  }

  @Test
  void outputsMapOntoTheProtoAndNeverCarryTheSecret() {
    StackOutputs outputs = StackOutputs.of(deployed(true));

    AwsIamUserOutputs proto = outputs.outputs().get();
    assertThat(proto.getUserArn()).isEqualTo("arn:aws:iam::123456789012:user/svc");
    assertThat(proto.getUserName()).isEqualTo("svc");
    assertThat(proto.getUserId()).isEqualTo("AIDAEXAMPLE");
    assertThat(proto.getAccessKeyId()).isEqualTo("AKIAEXAMPLE");
    assertThat(proto.getConsoleUrl()).isEqualTo("https://123456789012.signin.aws.amazon.com/console");
    assertThat(proto.getSecretArn()).isEmpty();
    assertThat(proto.toString()).doesNotContain(SECRET);
    assertThat(outputs.toString()).doesNotContain(SECRET).contains("Value[secret]");
  }

  @Test
  void C08_theSecretComesOnlyFromTheSecretOutputAsASecret() {
    StackOutputs outputs = StackOutputs.of(deployed(true));

    assertThat(outputs.secretAccessKey().get().reveal()).isEqualTo(SECRET);
    assertThat(outputs.secretAccessKey().get().toString()).doesNotContain(SECRET);
  }

  @Test
  void C08_aSecretOutputThatIsNotMarkedSecretIsRefused() {
    Map<String, StackOutputs.Value> m = deployed(true);
    m.put("secretAccessKey", new StackOutputs.Value(SECRET, false));

    assertThatThrownBy(() -> StackOutputs.of(m).secretAccessKey())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET)
        .hasMessageContaining("not marked secret");
  }

  @Test
  void C04_withoutKeysTheKeyOutputsAreAbsentNotStale() {
    StackOutputs outputs = StackOutputs.of(deployed(false));

    assertThat(outputs.outputs().get().getAccessKeyId()).isEmpty();
    assertThat(outputs.accessKeyId()).isEmpty();
    assertThat(outputs.secretAccessKey()).isEmpty();
  }

  @Test
  void aPlainOutputMarkedSecretIsNotShownAsPlainText() {
    Map<String, StackOutputs.Value> m = deployed(true);
    m.put("userId", new StackOutputs.Value("AIDAEXAMPLE", true));

    assertThat(StackOutputs.of(m).outputs().get().getUserId()).isEmpty();
  }

  @Test
  void anEmptyOrDestroyedStackHasNoOutputs() {
    assertThat(StackOutputs.empty().outputs()).isEmpty();
    assertThat(StackOutputs.of(Map.of()).isEmpty()).isTrue();
    assertThat(StackOutputs.of(Map.of("userArn", new StackOutputs.Value("x", false))).outputs()).isEmpty();
  }

  @Test
  void deliveredSecretArnAndNamesAreRead() {
    Map<String, StackOutputs.Value> m = deployed(true);
    m.put("secretArn", new StackOutputs.Value("arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf", false));
    StackOutputs outputs = StackOutputs.of(m);

    assertThat(outputs.outputs().get().getSecretArn()).endsWith("secret:k-AbCdEf");
    assertThat(outputs.userName()).contains("svc");
    assertThat(outputs.accessKeyId()).contains("AKIAEXAMPLE");
  }
}
