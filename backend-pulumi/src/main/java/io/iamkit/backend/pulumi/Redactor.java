package io.iamkit.backend.pulumi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Removes known secret values (the state passphrase, the deploying credentials' secret key and
 * session token, an access key's secret) and their base64 forms from text that leaves the backend:
 * progress messages and error details taken from the engine's output. The engine masks secrets
 * itself; this is the second line.
 */
final class Redactor {
  static final String MASK = "[secret]";
  static final Redactor NONE = new Redactor(List.of());

  private final List<String> values;

  private Redactor(List<String> values) {
    this.values = values;
  }

  /** A redactor of the given values (nulls and values shorter than 4 characters are ignored). */
  static Redactor of(Iterable<String> secrets) {
    List<String> values = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.length() < 4) {
        continue;
      }
      values.add(secret);
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      values.add(Base64.getEncoder().encodeToString(bytes));
      values.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      values.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    // longest first, so a value is masked before a shorter one inside it
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(values));
  }

  /** This redactor plus one more value. */
  Redactor and(String secret) {
    List<String> all = new ArrayList<>(originals());
    all.add(secret);
    return of(all);
  }

  private List<String> originals() {
    // every original was added together with its encodings; keeping the encodings is harmless
    return values;
  }

  String redact(String text) {
    Objects.requireNonNull(text, "text");
    String result = text;
    for (String value : values) {
      result = result.replace(value, MASK);
    }
    return result;
  }

  @Override
  public String toString() {
    return "Redactor[" + values.size() + " value(s)]";
  }
}
