package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class SecretTest {
  private static final String VALUE = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Test
  void revealReturnsTheValue() {
    assertThat(Secret.of(VALUE).reveal()).isEqualTo(VALUE);
  }

  @Test
  void toStringIsMasked() {
    Secret s = Secret.of(VALUE);
    assertThat(s.toString()).isEqualTo("Secret[****]").doesNotContain(VALUE).doesNotContain("wJal");
    assertThat(String.valueOf(java.util.List.of(s))).doesNotContain(VALUE);
  }

  @Test
  void equalsAndHashCodeAreIdentityAndDoNotDependOnTheValue() {
    Secret a = Secret.of(VALUE);
    Secret b = Secret.of(VALUE);
    assertThat(a).isEqualTo(a).isNotEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(System.identityHashCode(a));
    assertThat(a.hashCode()).isNotEqualTo(VALUE.hashCode());
    assertThat(a.sameValueAs(b)).isTrue();
    assertThat(a.sameValueAs(Secret.of(VALUE + "x"))).isFalse();
  }

  @Test
  void javaSerialisationRefuses() {
    Secret s = Secret.of(VALUE);
    assertThat(s).isNotInstanceOf(java.io.Serializable.class);
    assertThatThrownBy(() -> {
      try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
        out.writeObject(s);
      }
    }).isInstanceOf(NotSerializableException.class).message().doesNotContain(VALUE);
  }

  @Test
  void serialisingAValueThatHoldsASecretAlsoRefuses() {
    record Holder(Secret secret) implements java.io.Serializable { }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThatThrownBy(() -> {
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(new Holder(Secret.of(VALUE)));
      }
    }).isInstanceOf(NotSerializableException.class);
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(VALUE);
  }

  @Test
  void reflectionBasedSerialisationSeesNoValueEvenWithEveryFieldVisible() {
    record Holder(String user, Secret secret) { }
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.ALL,
            com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
        .setVisibility(com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
            com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
        .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS);
    String json;
    try {
      json = mapper.writeValueAsString(new Holder("svc", Secret.of(VALUE)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
    assertThat(json).isEqualTo("{\"user\":\"svc\",\"secret\":{}}").doesNotContain(VALUE);
  }

  @Test
  void rejectsNullAndEmptyWithoutEchoingInput() {
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
