package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

  @Test
  void decodesRfc3986PercentEncodingAsIamReturnsIt() {
    // what IAM (and moto) return for {"Resource":"arn:aws:s3:::a b/c&d=e+f%ü<>\"q"}
    String encoded = "%7B%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa%20b/c%26d%3De%2Bf%25"
        + "%C3%BC%3C%3E%5C%22q%22%7D";
    assertThat(PolicyDocuments.urlDecode(encoded))
        .isEqualTo("{\"Resource\":\"arn:aws:s3:::a b/c&d=e+f%ü<>\\\"q\"}");
  }

  @Test
  void literalPlusStaysPlusBecauseRfc3986HasNoPlusForSpace() {
    assertThat(PolicyDocuments.urlDecode("%7B%22a%22%3A%22x+y%22%7D"))
        .isEqualTo("{\"a\":\"x+y\"}");
  }

  @Test
  void plainJsonIsNotDecodedAgain() {
    String plain = "  {\"Resource\":\"arn:aws:s3:::100%25-literal\"}";
    assertThat(PolicyDocuments.urlDecode(plain)).isSameAs(plain);
  }

  @Test
  void inlinePolicyFromIamParsesTheDecodedDocument() {
    InlinePolicy p = InlinePolicy.fromIam("P1",
        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D");
    assertThat(p.name()).isEqualTo("P1");
    assertThat(p.document()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    assertThat(p.json().get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(p.json().get("Statement").isArray()).isTrue();
  }

  @Test
  void jsonAccessorHandsOutACopySoTheValueStaysImmutable() {
    InlinePolicy p = InlinePolicy.fromIam("P1", "{\"Version\":\"2012-10-17\"}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) p.json()).put("Version", "changed");
    assertThat(p.json().get("Version").asText()).isEqualTo("2012-10-17");
  }

  @Test
  void aDocumentThatIsNotJsonIsReportedWithThePolicyName() {
    assertThatThrownBy(() -> InlinePolicy.fromIam("Broken", "%7Bnot-json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Broken'")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> InlinePolicy.fromIam("Arr", "%5B%5D"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a JSON object");
  }
}
