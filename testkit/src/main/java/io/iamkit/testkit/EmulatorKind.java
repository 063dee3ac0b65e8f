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
  EXTERNAL,
  /**
   * LocalStack as a plain process without Docker, through {@code scripts/localstack/}. Chosen
   * only explicitly ({@code localstack-process}), never by {@code auto}: it takes 10-16 s to start.
   */
  LOCALSTACK_PROCESS;

  /** Lower-case name as used in {@code iamkit.emulator}, e.g. {@code localstack-process}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a configured value ({@code moto}, {@code localstack-process}, ...; any case). */
  public static EmulatorKind parse(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
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
