package io.iamkit.testkit;

/**
 * Started in a separate JVM by {@link MotoShutdownHookIT}: starts moto, prints its pid and exits
 * without closing it, so only the shutdown hook can stop the process.
 */
public final class MotoShutdownHookMain {

  private MotoShutdownHookMain() {}

  public static void main(String[] args) {
    MotoServerEmulator moto = (MotoServerEmulator) AwsEmulators.start(EmulatorKind.MOTO);
    System.out.println("MOTO_PID=" + moto.pid());
    System.out.flush();
    // no close(): the JVM exits here
  }
}
