package io.iamkit.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The emulator implementations the testkit can use. */
public enum EmulatorKind {
  /** A {@code moto_server} process on a free loopback port. */
  MOTO,
  /** LocalStack in a container, through Testcontainers (needs a Docker engine). */
  LOCALSTACK,
  /** An emulator already running at an endpoint given by the environment. */
  EXTERNAL;

  /** Lower-case name as used in {@code iamkit.emulator}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configured value ({@code moto}, {@code localstack}, {@code external}; any case). */
  public static EmulatorKind parse(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    for (EmulatorKind k : values()) {
      if (k.name().equals(v)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown emulator '" + value + "'; expected one of "
        + Arrays.stream(values()).map(EmulatorKind::id).collect(Collectors.joining(", "))
        + " or auto");
  }
}
