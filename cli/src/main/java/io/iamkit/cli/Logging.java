package io.iamkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Logging of the CLI (the only module that binds SLF4J to Logback): everything to stderr (the
 * command's err writer), never to stdout. Quiet by default (warnings, except the Deployer's
 * per-user failure warnings, which the command prints itself, and the backends' warnings, which
 * arrive as progress messages and are printed once by {@link Progress}); {@code -v} shows iamkit's steps
 * (DEBUG) and libraries' INFO; {@code -vv} is TRACE for every logger.
 */
final class Logging {
  private Logging() {}

  static void configure(int verbosity, PrintWriter err) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(verbosity == 0 ? "iamkit: %level %logger{0} - %msg%n" : "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setName("stderr");
    appender.setEncoder(encoder);
    appender.setOutputStream(new WriterStream(err));
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    switch (verbosity) {
      case 0 -> {
        root.setLevel(Level.WARN);
        context.getLogger("io.iamkit.api.Deployer").setLevel(Level.ERROR);
        // the backends' warnings reach the command as progress messages, printed once (Progress)
        context.getLogger("io.iamkit.backend").setLevel(Level.ERROR);
      }
      case 1 -> {
        root.setLevel(Level.INFO);
        context.getLogger("io.iamkit").setLevel(Level.DEBUG);
      }
      default -> root.setLevel(Level.TRACE);
    }
  }

  /** Logback writes bytes; the command's err is a writer. Closing it only flushes. */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter writer;

    WriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (writer) {
        writer.write(new String(b, off, len, StandardCharsets.UTF_8));
      }
    }

    @Override
    public void flush() {
      writer.flush();
    }

    @Override
    public void close() {
      writer.flush();
    }
  }
}
