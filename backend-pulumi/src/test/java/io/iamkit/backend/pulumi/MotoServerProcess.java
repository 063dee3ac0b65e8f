package io.iamkit.backend.pulumi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} process on a free loopback port, with AWS managed policies loaded. A
 * stop-gap for this module's engine tests until the testkit's emulators land.
 */
final class MotoServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private MotoServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MotoServerProcess start(Path log) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port));
    builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    MotoServerProcess moto = new MotoServerProcess(builder.start(), port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!moto.process.isAlive()) {
        throw new IOException("moto_server exited with " + moto.process.exitValue() + "; see " + log);
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return moto;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    moto.close();
    throw new IOException("moto_server did not listen on port " + port + " within 60 s; see " + log);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
