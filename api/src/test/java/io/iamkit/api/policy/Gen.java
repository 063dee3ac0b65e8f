package io.iamkit.api.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded input for one try of a {@link Tries} property. Every run starts from the same base seed
 * ({@link #DEFAULT_SEED}) unless {@code -Diamkit.test.seed=<long>} (or {@code =random}) overrides it; each
 * property derives its own stream from the base seed and its name, and each try splits off that stream,
 * so the same base seed replays the same input try for try. The seed is part of every try's name and of
 * every failure message. Sizes lean towards their bounds (one draw in five is a bound).
 */
final class Gen {
  static final String SEED_PROPERTY = "iamkit.test.seed";
  static final long DEFAULT_SEED = 20_261_203L;
  static final long BASE_SEED = baseSeed(System.getProperty(SEED_PROPERTY));

  private final SplittableRandom random;
  private final String name;

  private Gen(SplittableRandom random, String name) {
    this.random = random;
    this.name = name;
  }

  static long baseSeed(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_SEED;
    }
    if (property.strip().equals("random")) {
      return new SplittableRandom().nextLong();
    }
    return Long.parseLong(property.strip());
  }

  /** The input of {@code tries} tries of the property {@code property}, in order. */
  static Stream<Gen> tries(String property, int tries) {
    SplittableRandom stream = new SplittableRandom(BASE_SEED ^ (property.hashCode() * 0x9E3779B97F4A7C15L));
    return IntStream.rangeClosed(1, tries).sequential()
        .mapToObj(i -> new Gen(stream.split(), "try " + i + "/" + tries + " (-D" + SEED_PROPERTY + "=" + BASE_SEED + ")"));
  }

  /** A whole number in {@code [min, max]}, one of the bounds about one time in five. */
  int between(int min, int max) {
    int roll = random.nextInt(10);
    if (roll == 0) {
      return min;
    }
    if (roll == 1) {
      return max;
    }
    return random.nextInt(min, max + 1);
  }

  long anyLong() {
    return random.nextLong();
  }

  @SafeVarargs
  final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** Text of {@code min..max} characters taken from {@code alphabet}. */
  String chars(String alphabet, int min, int max) {
    int length = between(min, max);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  <T> List<T> list(int min, int max, Supplier<? extends T> items) {
    int size = between(min, max);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(items.get());
    }
    return list;
  }

  @Override
  public String toString() {
    return name;
  }
}
