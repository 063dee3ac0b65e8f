package io.iamkit.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {
  private static final String BASE = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
       "Resource":"arn:aws:s3:::bucket/*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}
      """;

  private static void assertEquivalent(String a, String b) {
    assertThat(PolicyDocument.equivalent(a, b)).as("%s\n  vs\n%s", a, b).isTrue();
    assertThat(PolicyDocument.parse(a)).isEqualTo(PolicyDocument.parse(b));
    assertThat(PolicyDocument.parse(a).hashCode()).isEqualTo(PolicyDocument.parse(b).hashCode());
    assertThat(PolicyDocument.parse(a).canonicalJson()).isEqualTo(PolicyDocument.parse(b).canonicalJson());
  }

  private static void assertDifferent(String a, String b) {
    assertThat(PolicyDocument.equivalent(a, b)).as("%s\n  vs\n%s", a, b).isFalse();
    assertThat(PolicyDocument.parse(a)).isNotEqualTo(PolicyDocument.parse(b));
  }

  /** C-05: documents equal in meaning compare equal. */
  @Nested
  class C05EqualInMeaning {
    @Test
    void keyOrder() {
      assertEquivalent(BASE, """
          {"Statement":[{"Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}},
           "Resource":"arn:aws:s3:::bucket/*","Action":["s3:GetObject","s3:PutObject"],"Effect":"Allow"}],
           "Version":"2012-10-17"}""");
    }

    @Test
    void whitespace() {
      assertEquivalent(BASE, """
          {
            "Version" : "2012-10-17",
            "Statement" : [
              {
                "Effect" :\t"Allow",
                "Action" : [ "s3:GetObject" ,
                             "s3:PutObject" ],
                "Resource" : "arn:aws:s3:::bucket/*",
                "Condition" : { "StringEquals" : { "aws:RequestedRegion" : "eu-west-1" } }
              }
            ]
          }
          """);
    }

    @Test
    void singleValueVersusListOfOne() {
      assertEquivalent(BASE, BASE.replace("\"Resource\":\"arn:aws:s3:::bucket/*\"", "\"Resource\":[\"arn:aws:s3:::bucket/*\"]"));
      assertEquivalent("""
          {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["*"],"Resource":["*"]}]}""");
    }

    @Test
    void actionCaseOfServicePrefixAndName() {
      assertEquivalent(BASE, BASE.replace("s3:GetObject", "S3:getobject").replace("s3:PutObject", "S3:PUTOBJECT"));
    }

    @Test
    void orderAndDuplicatesOfActionsAndResources() {
      String a = """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
           "Resource":["arn:aws:s3:::a","arn:aws:s3:::b"]}]}""";
      String b = """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
           "Action":["s3:PutObject","s3:GetObject","s3:getobject"],
           "Resource":["arn:aws:s3:::b","arn:aws:s3:::a","arn:aws:s3:::b"]}]}""";
      assertEquivalent(a, b);
    }

    @Test
    void orderAndDuplicatesOfStatements() {
      String a = """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
           {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}""";
      String b = """
          {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},
           {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
           {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
      assertEquivalent(a, b);
    }

    @Test
    void emptySid() {
      assertEquivalent(BASE, BASE.replace("{\"Effect\"", "{\"Sid\":\"\",\"Effect\""));
    }

    @Test
    void urlEncodedAsIamReturnsIt() {
      String encoded = URLEncoder.encode(BASE, StandardCharsets.UTF_8).replace("+", "%20");
      assertThat(encoded).startsWith("%7B%22Version");
      assertEquivalent(BASE, encoded);
    }

    @Test
    void urlEncodedKeepsAPlusSign() {
      String plain = """
          {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a+b/*"}]}""";
      String encoded = URLEncoder.encode(plain, StandardCharsets.UTF_8).replace("+", "%20");
      assertEquivalent(plain, encoded);
      assertDifferent(plain, plain.replace("a+b", "a b"));
    }

    @Test
    void conditionSingleValueVersusListAndValueOrder() {
      assertEquivalent(BASE, BASE.replace("\"aws:RequestedRegion\":\"eu-west-1\"", "\"aws:RequestedRegion\":[\"eu-west-1\"]"));
      String two = BASE.replace("\"aws:RequestedRegion\":\"eu-west-1\"", "\"aws:RequestedRegion\":[\"eu-west-1\",\"us-east-1\"]");
      assertEquivalent(two, BASE.replace("\"aws:RequestedRegion\":\"eu-west-1\"", "\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-1\"]"));
    }

    @Test
    void conditionKeyNameCaseAndBooleanVersusString() {
      assertEquivalent(BASE, BASE.replace("aws:RequestedRegion", "AWS:requestedregion"));
      String a = """
          {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
           "Condition":{"Bool":{"aws:SecureTransport":false}}}]}""";
      assertEquivalent(a, a.replace("false", "\"false\""));
    }

    @Test
    void missingVersionMeans20081017() {
      String v2008 = """
          {"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
      assertEquivalent(v2008, """
          {"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");
    }
  }

  @Nested
  class MustNotCompareEqual {
    @Test
    void anAddedAction() {
      assertDifferent(BASE, BASE.replace("\"s3:PutObject\"", "\"s3:PutObject\",\"s3:DeleteObject\""));
    }

    @Test
    void allowVersusDeny() {
      assertDifferent(BASE, BASE.replace("Allow", "Deny"));
    }

    @Test
    void changedConditionValue() {
      assertDifferent(BASE, BASE.replace("eu-west-1", "eu-west-2"));
      assertDifferent(BASE, BASE.replace("eu-west-1", "EU-WEST-1"));
    }

    @Test
    void changedConditionOperator() {
      assertDifferent(BASE, BASE.replace("StringEquals", "StringNotEquals"));
    }

    @Test
    void changedResourceCase() {
      assertDifferent(BASE, BASE.replace("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/*"));
    }

    @Test
    void actionVersusNotAction() {
      assertDifferent(BASE, BASE.replace("\"Action\"", "\"NotAction\""));
    }

    @Test
    void aNonEmptySid() {
      assertDifferent(BASE, BASE.replace("{\"Effect\"", "{\"Sid\":\"Read\",\"Effect\""));
    }

    @Test
    void differentVersion() {
      assertDifferent(BASE, BASE.replace("2012-10-17", "2008-10-17"));
    }

    @Test
    void anAddedStatement() {
      assertDifferent(BASE, BASE.replace("}}}]}", "}}},{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
    }
  }

  @Test
  void builderWritesOneValueAsStringAndSeveralAsList() {
    PolicyDocument built = PolicyDocument.builder()
        .statement(Statement.allow().sid("Read").actions("s3:GetObject", "s3:PutObject")
            .resources("arn:aws:s3:::bucket/*")
            .condition("StringEquals", "aws:RequestedRegion", "eu-west-1"))
        .build();
    assertThat(built.toJson()).isEqualTo(
        "{\"Statement\":[{\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
            + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}},"
            + "\"Effect\":\"Allow\",\"Resource\":\"arn:aws:s3:::bucket/*\",\"Sid\":\"Read\"}],"
            + "\"Version\":\"2012-10-17\"}");
    assertThat(built).isNotEqualTo(PolicyDocument.parse(BASE));
    assertThat(PolicyDocument.parse(built.toJson())).isEqualTo(built);
  }

  @Test
  void builderNotActionsNotResourcesDenyAndId() {
    PolicyDocument built = PolicyDocument.builder().version("2008-10-17").id("x")
        .statement(Statement.deny().notActions("iam:*").notResources("arn:aws:iam::*:user/a", "arn:aws:iam::*:user/b"))
        .build();
    assertThat(built).isEqualTo(PolicyDocument.parse("""
        {"Id":"x","Version":"2008-10-17","Statement":{"Effect":"Deny","NotAction":"IAM:*",
         "NotResource":["arn:aws:iam::*:user/b","arn:aws:iam::*:user/a"]}}"""));
  }

  @Test
  void notAJsonObjectIsAnError() {
    assertThatThrownBy(() -> PolicyDocument.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyDocument.parse("%7B%2")).isInstanceOf(IllegalArgumentException.class);
  }
}
