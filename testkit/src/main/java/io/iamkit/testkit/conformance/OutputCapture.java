package io.iamkit.testkit.conformance;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures what is written to {@code System.out} and {@code System.err} (still passing it on) while
 * open, with every logger at its most verbose level: the root logger and iamkit's own
 * ({@code io.iamkit}, which tests usually configure explicitly) at TRACE, so the AWS SDK's and its
 * HTTP client's loggers log everything too. Console log appenders that write through
 * {@code System.out}/{@code System.err} (Logback's does) are captured with it; a logging
 * configuration without a console appender captures no log lines. Levels are raised only when
 * Logback is the SLF4J binding; other bindings keep their configured levels. Other loggers that a
 * configuration sets explicitly keep their level.
 */
final class OutputCapture implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);

  private final PrintStream originalOut;
  private final PrintStream originalErr;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Runnable restoreLevel;

  private OutputCapture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(new Tee(originalOut, buffer), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(originalErr, buffer), true, StandardCharsets.UTF_8));
    // Every logger, not only ours: the AWS SDK's and its HTTP client's wire logs must not carry the
    // secret either (the Apache HTTP client logs whole response bodies at DEBUG).
    Runnable restoreRoot = mostVerbose(Logger.ROOT_LOGGER_NAME);
    Runnable restoreOwn = mostVerbose("io.iamkit");
    restoreLevel = () -> {
      restoreOwn.run();
      restoreRoot.run();
    };
  }

  static OutputCapture start() {
    return new OutputCapture();
  }

  /** Everything written so far. */
  synchronized String text() {
    System.out.flush();
    System.err.flush();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    restoreLevel.run();
    System.out.flush();
    System.err.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  /** Sets a Logback logger to TRACE through reflection (no compile-time Logback dependency). */
  private static Runnable mostVerbose(String loggerName) {
    Logger logger = LoggerFactory.getLogger(loggerName);
    if (!logger.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
      LOG.info("SLF4J binding is {}, not Logback: log level left as configured",
          logger.getClass().getName());
      return () -> { };
    }
    try {
      Class<?> level = Class.forName("ch.qos.logback.classic.Level", true,
          logger.getClass().getClassLoader());
      Method getLevel = logger.getClass().getMethod("getLevel");
      Method setLevel = logger.getClass().getMethod("setLevel", level);
      Object before = getLevel.invoke(logger);
      setLevel.invoke(logger, level.getField("TRACE").get(null));
      return () -> {
        try {
          setLevel.invoke(logger, before);
        } catch (ReflectiveOperationException e) {
          LOG.warn("cannot restore the level of {}: {}", loggerName, e.toString());
        }
      };
    } catch (ReflectiveOperationException e) {
      LOG.warn("cannot raise the level of {}: {}", loggerName, e.toString());
      return () -> { };
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final ByteArrayOutputStream b;

    Tee(OutputStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      synchronized (b) {
        b.write(c);
      }
      try {
        a.write(c);
      } catch (java.io.IOException e) {
        // the original stream failing must not break the capture
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      synchronized (b) {
        b.write(buf, off, len);
      }
      try {
        a.write(buf, off, len);
      } catch (java.io.IOException e) {
        // as above
      }
    }

    @Override
    public void flush() {
      try {
        a.flush();
      } catch (java.io.IOException e) {
        // as above
      }
    }
  }
}
