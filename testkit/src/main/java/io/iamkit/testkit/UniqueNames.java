package io.iamkit.testkit;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Unique, IAM-valid names for test resources, so tests sharing one emulator never collide:
 * {@code prefix-<run id>-<counter>}, where the run id is random per JVM and the counter grows.
 */
public final class UniqueNames {

  /** IAM user names: {@code [\w+=,.@-]}, 1 to 64 characters. */
  public static final int MAX_USER_NAME = 64;
  private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final String RUN = Long.toString(
      Math.abs(new SecureRandom().nextLong() % 1_679_616L) + 1_679_616L, 36)
      .toLowerCase(Locale.ROOT);
  private static final AtomicLong COUNTER = new AtomicLong();

  private UniqueNames() {}

  /**
   * A fresh unique suffix, {@code -<run id>-<counter>}: lower-case letters, digits and dashes, so
   * it fits IAM names and manifest names alike.
   */
  public static String suffix() {
    return "-" + RUN + "-" + COUNTER.incrementAndGet();
  }

  /** A unique IAM user name that starts with {@code prefix} (at most 64 characters). */
  public static String user(String prefix) {
    return name(prefix, MAX_USER_NAME);
  }

  /**
   * A unique name that starts with (a shortened) {@code prefix} and is at most {@code maxLength}
   * long; the prefix may use only IAM's name characters {@code [\w+=,.@-]}.
   */
  public static String name(String prefix, int maxLength) {
    if (prefix == null || prefix.isEmpty() || !IAM_NAME.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "prefix must be non-empty and use only [\\w+=,.@-], was '" + prefix + "'");
    }
    String suffix = suffix();
    if (maxLength < suffix.length() + 1) {
      throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for prefix");
    }
    String head = prefix.length() + suffix.length() > maxLength
        ? prefix.substring(0, maxLength - suffix.length())
        : prefix;
    return head + suffix;
  }
}
