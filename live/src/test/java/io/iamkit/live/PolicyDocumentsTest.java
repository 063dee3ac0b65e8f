package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;

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
}
