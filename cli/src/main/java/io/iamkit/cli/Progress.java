package io.iamkit.cli;

import io.iamkit.api.Change;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ProgressListener;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows what apply and destroy are doing, on stderr: a live status line on a terminal, one line per
 * finished step otherwise. Progress events never carry a secret, so neither does this.
 */
abstract class Progress implements ProgressListener, AutoCloseable {
  /** How progress is shown. */
  enum Mode {
    /** live on a terminal, plain otherwise */
    auto,
    live,
    plain,
    none
  }

  static Progress create(Mode mode, CliContext ctx, boolean verbose) {
    Mode effective = mode == Mode.auto ? (ctx.terminal() ? Mode.live : Mode.plain) : mode;
    return switch (effective) {
      case live -> new Live(ctx.err());
      case plain -> new Plain(ctx.err(), verbose);
      default -> new Plain(ctx.err(), verbose) {
        @Override
        public void onEvent(ProgressEvent event) {
          // no progress, but a warning is never dropped: the backends' own warning logs are quiet
          // by default because their warnings arrive here (Logging)
          if (event instanceof ProgressEvent.Message m && m.level() == ProgressEvent.Message.Level.WARN) {
            super.onEvent(event);
          }
        }
      };
    };
  }

  @Override
  public abstract void close();

  static String step(Change.Action action, io.iamkit.api.ResourceKind kind, String resource) {
    return Change.of(action, kind, resource).describe();
  }

  /** One line per finished or failed step and per message. */
  static class Plain extends Progress {
    private final PrintWriter err;
    private final boolean verbose;

    Plain(PrintWriter err, boolean verbose) {
      this.err = err;
      this.verbose = verbose;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
      String line = null;
      if (event instanceof ProgressEvent.ResourceStarted s) {
        line = verbose ? step(s.action(), s.kind(), s.resource()) + " ..." : null;
      } else if (event instanceof ProgressEvent.ResourceFinished f) {
        line = step(f.action(), f.kind(), f.resource()) + " done";
      } else if (event instanceof ProgressEvent.ResourceFailed f) {
        line = step(f.action(), f.kind(), f.resource()) + " FAILED: " + f.reason();
      } else if (event instanceof ProgressEvent.Message m) {
        line = m.level() != ProgressEvent.Message.Level.DEBUG || verbose ? m.text() : null;
      }
      if (line != null) {
        err.println("  [" + event.userName() + "] " + line);
        err.flush();
      }
    }

    @Override
    public void close() {
      err.flush();
    }
  }

  /** A status line redrawn in place (spinner, user, current step, steps done), kept per user when it ends. */
  static final class Live extends Progress {
    private static final String CLEAR = "\r\033[2K";
    private static final char[] SPINNER = {'|', '/', '-', '\\'};
    private final PrintWriter err;
    private final ScheduledExecutorService ticker;
    private String user;
    private String current = "";
    private int done;
    private int failed;
    private int tick;
    private long userStarted;

    Live(PrintWriter err) {
      this.err = err;
      this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "iamkit-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::redraw, 120, 120, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
      if (!Objects.equals(user, event.userName())) {
        finishUser();
        user = event.userName();
        userStarted = System.nanoTime();
      }
      if (event instanceof ProgressEvent.ResourceStarted s) {
        current = step(s.action(), s.kind(), s.resource());
      } else if (event instanceof ProgressEvent.ResourceFinished) {
        done++;
      } else if (event instanceof ProgressEvent.ResourceFailed f) {
        failed++;
        err.print(CLEAR);
        err.println("  ✗ " + user + ": " + step(f.action(), f.kind(), f.resource()) + " failed: " + f.reason());
      } else if (event instanceof ProgressEvent.Message m) {
        if (m.level() == ProgressEvent.Message.Level.WARN) {
          err.print(CLEAR);
          err.println("  ! " + user + ": " + m.text());
        } else {
          current = m.text();
        }
      }
      redraw();
    }

    private synchronized void redraw() {
      if (user == null) {
        return;
      }
      long seconds = (System.nanoTime() - userStarted) / 1_000_000_000L;
      String line = SPINNER[tick++ % SPINNER.length] + " " + user + ": " + current + "  (" + done + " done, " + seconds + "s)";
      err.print(CLEAR + (line.length() > 150 ? line.substring(0, 147) + "..." : line));
      err.flush();
    }

    private void finishUser() {
      if (user != null) {
        err.print(CLEAR);
        err.println("  " + (failed == 0 ? "✓" : "✗") + " " + user + ": " + done + " step(s) done"
            + (failed == 0 ? "" : ", " + failed + " failed"));
        err.flush();
      }
      user = null;
      current = "";
      done = 0;
      failed = 0;
    }

    @Override
    public void close() {
      ticker.shutdownNow();
      synchronized (this) {
        finishUser();
      }
    }
  }
}
