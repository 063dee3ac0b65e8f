package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void C08_valuesAndTheirBase64FormsAreMasked() {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    Redactor r = Redactor.of(List.of(secret));
    String b64 = Base64.getEncoder().encodeToString(secret.getBytes());

    assertThat(r.redact("a " + secret + " b " + b64 + " c")).isEqualTo("a [secret] b [secret] c");
    assertThat(r.toString()).doesNotContain(secret);
  }

  @Test
  void shortAndNullValuesAreIgnoredAndTextWithoutSecretsIsUnchanged() {
    Redactor r = Redactor.of(Arrays.asList(null, "ab", "long-enough"));

    assertThat(r.redact("ab cd")).isEqualTo("ab cd");
    assertThat(r.redact("x long-enough y")).isEqualTo("x [secret] y");
    assertThat(Redactor.NONE.redact("anything")).isEqualTo("anything");
  }

  @Test
  void addingAValueKeepsTheOthers() {
    Redactor r = Redactor.of(List.of("first-secret")).and("second-secret");

    assertThat(r.redact("first-secret second-secret")).isEqualTo("[secret] [secret]");
  }
}
