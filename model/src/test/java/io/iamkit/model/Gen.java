package io.iamkit.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded input for one try of a {@link Tries} property. Every run starts from the same base seed
 * ({@link #DEFAULT_SEED}) unless {@code -Diamkit.test.seed=<long>} (or {@code =random}) overrides it; each
 * property derives its own stream from the base seed and its name, and each try splits off that stream,
 * so the same base seed replays the same input try for try. The seed is part of every try's name and of
 * every failure message.
 *
 * <p>Sizes and numbers lean towards their bounds (about one draw in five is a bound) so that limits are
 * tried on every run, not only by luck.
 */
public final class Gen {
  public static final String SEED_PROPERTY = "iamkit.test.seed";
  public static final long DEFAULT_SEED = 20_261_203L;
  public static final long BASE_SEED = baseSeed(System.getProperty(SEED_PROPERTY));

  private static final double[] SPECIAL_DOUBLES = {
      0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 9_007_199_254_740_993.0};
  private static final int[] SPECIAL_INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
  /** Characters that tend to break text handling: NUL, DEL, BOM, non-characters, NEL, separators. */
  private static final String SPECIAL_CHARS = "\u0000\u007f\ufeff\uffff\ufffe\u0085\u2028\u2029\u00a0\t\r\n";

  private final SplittableRandom random;
  private final String name;

  private Gen(SplittableRandom random, String name) {
    this.random = random;
    this.name = name;
  }

  public static long baseSeed(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_SEED;
    }
    if (property.strip().equals("random")) {
      return new SplittableRandom().nextLong();
    }
    return Long.parseLong(property.strip());
  }

  /** The input of {@code tries} tries of the property {@code property}, in order. */
  public static Stream<Gen> tries(String property, int tries) {
    SplittableRandom stream = new SplittableRandom(BASE_SEED ^ (property.hashCode() * 0x9E3779B97F4A7C15L));
    return IntStream.rangeClosed(1, tries).sequential()
        .mapToObj(i -> new Gen(stream.split(), "try " + i + "/" + tries + " (-D" + SEED_PROPERTY + "=" + BASE_SEED + ")"));
  }

  /** A whole number in {@code [min, max]}, one of the bounds about one time in five. */
  public int between(int min, int max) {
    int roll = random.nextInt(10);
    if (roll == 0) {
      return min;
    }
    if (roll == 1) {
      return max;
    }
    return random.nextInt(min, max + 1);
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  public long anyLong() {
    return random.nextLong();
  }

  public int anyInt() {
    return random.nextInt(8) == 0 ? SPECIAL_INTS[random.nextInt(SPECIAL_INTS.length)] : random.nextInt();
  }

  /** Any double: NaN, infinities, signed zero, subnormals, extremes and ordinary values. */
  public double anyDouble() {
    return switch (random.nextInt(4)) {
      case 0 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
      case 1 -> Double.longBitsToDouble(random.nextLong());
      default -> Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0;
    };
  }

  /** A finite double in {@code [min, max]}, a bound or zero now and then. */
  public double between(double min, double max) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      case 2 -> min <= 0 && 0 <= max ? 0.0 : min;
      default -> random.nextDouble(min, max);
    };
  }

  @SafeVarargs
  public final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** The value of one of the suppliers, each equally likely. */
  @SafeVarargs
  public final <T> T oneOf(Supplier<? extends T>... choices) {
    return choices[random.nextInt(choices.length)].get();
  }

  /** Text of {@code min..max} characters taken from {@code alphabet}. */
  public String chars(String alphabet, int min, int max) {
    return text(min, max, () -> alphabet.charAt(random.nextInt(alphabet.length())));
  }

  /** Text of {@code min..max} characters in {@code [from, to]}. */
  public String range(char from, char to, int min, int max) {
    return text(min, max, () -> random.nextInt(from, to + 1));
  }

  /**
   * Text of {@code min..max} UTF-16 units from the whole range: control characters, non-characters,
   * lone high and low surrogates, valid surrogate pairs and ordinary letters.
   */
  public String anyChars(int min, int max) {
    int length = between(min, max);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      switch (random.nextInt(8)) {
        case 0 -> text.append((char) random.nextInt(0x80));
        case 1 -> text.append((char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1));
        case 2 -> text.append(SPECIAL_CHARS.charAt(random.nextInt(SPECIAL_CHARS.length())));
        case 3 -> {
          if (text.length() + 2 <= length) {
            text.appendCodePoint(random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT + 1));
          }
        }
        default -> text.append((char) random.nextInt(0x10000));
      }
    }
    return text.toString();
  }

  private String text(int min, int max, IntSupplier chars) {
    int length = between(min, max);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) chars.getAsInt());
    }
    return text.toString();
  }

  public <T> List<T> list(int min, int max, Supplier<? extends T> items) {
    int size = between(min, max);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(items.get());
    }
    return list;
  }

  /**
   * A map of up to {@code max} entries with distinct keys (fewer only when the keys keep repeating,
   * as they must when the key space is smaller than the size drawn).
   */
  public <K, V> Map<K, V> map(int max, Supplier<? extends K> keys, Supplier<? extends V> values) {
    int size = between(0, max);
    Map<K, V> map = new LinkedHashMap<>();
    for (int draws = 0; map.size() < size && draws < 4 * size; draws++) {
      K key = keys.get();
      if (!map.containsKey(key)) {
        map.put(key, values.get());
      }
    }
    return map;
  }

  @Override
  public String toString() {
    return name;
  }
}
