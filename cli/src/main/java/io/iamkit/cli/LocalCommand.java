package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iamkit local start|stop|status}: a local AWS emulator in the background for {@code --local}. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run a local AWS emulator in the background, for --local.",
        "Its endpoint and pid are kept in .iamkit/local.json in the working directory"
            + " ($IAMKIT_STATE_DIR overrides), so later commands find it."},
    subcommands = {LocalCommand.Start.class, LocalCommand.Stop.class, LocalCommand.Status.class})
final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("iamkit local: start, stop or status is needed");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  static ObjectNode stateJson(ObjectNode doc, LocalState s, boolean running) {
    doc.put("running", running);
    doc.set("emulator", s == null ? null : s.toJson());
    return doc;
  }

  /** {@code local start}. */
  @Command(name = "start", mixinStandardHelpOptions = true,
      description = {"Start a local emulator and print its endpoint.",
          "It listens on a free 127.0.0.1 port. moto (default): moto_server with AWS managed policies loaded,"
              + " installed into .venv/ when missing. localstack: LocalStack 4.14.0 as a plain process (no Docker;"
              + " needs Python >= 3.12; installed into .venv-localstack/ on first use, about 4 minutes)."
              + " When one is already running, prints its endpoint."})
  static final class Start extends Verb {
    @Option(names = "--emulator", paramLabel = "NAME", description = "moto (default) or localstack")
    LocalEmulators.Kind emulator = LocalEmulators.Kind.moto;
    Start(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() throws IOException {
      Output out = output();
      LocalEmulators emulators = new LocalEmulators(ctx);
      Optional<LocalState> existing = LocalState.read(emulators.stateDir());
      if (existing.isPresent() && existing.get().isRunning()) {
        LocalState s = existing.get();
        if (!s.emulator().equals(emulator.name())) {
          return out.fail(ExitCodes.FAILED, "AlreadyRunning", "a local " + s.emulator() + " is already running ("
              + LocalEmulators.describe(s) + "); stop it first with: iamkit local stop");
        }
        out.note("iamkit: " + LocalEmulators.describe(s) + " is already running");
        out.line(s.endpoint());
        return out.emit(stateJson(out.document(ExitCodes.OK), s, true).put("started", false));
      }
      out.note("iamkit: starting " + emulator + " ...");
      Either<String, LocalState> started = emulators.start(emulator);
      if (started.isLeft()) {
        return out.fail(ExitCodes.FAILED, "EmulatorDidNotStart", started.getLeft());
      }
      LocalState s = started.get();
      out.note("iamkit: " + LocalEmulators.describe(s) + " is running; add --local to commands to use it,"
          + " 'iamkit local stop' ends it");
      out.line(s.endpoint());
      return out.emit(stateJson(out.document(ExitCodes.OK), s, true).put("started", true));
    }
  }

  /** {@code local stop}. */
  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop the local emulator (its process and everything it started). Nothing running: exit 0.")
  static final class Stop extends Verb {
    Stop(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() throws IOException {
      Output out = output();
      LocalEmulators emulators = new LocalEmulators(ctx);
      Optional<LocalState> existing = LocalState.read(emulators.stateDir());
      if (existing.isEmpty()) {
        out.line("no local emulator running");
        return out.emit(stateJson(out.document(ExitCodes.OK), null, false).put("stopped", false));
      }
      String what = emulators.stop(existing.get());
      out.line(what);
      return out.emit(stateJson(out.document(ExitCodes.OK), existing.get(), false).put("stopped", true));
    }
  }

  /** {@code local status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show the local emulator. Exit 0 when one is running, 1 when none is.")
  static final class Status extends Verb {
    Status(CliContext ctx) {
      super(ctx);
    }

    @Override
    public Integer call() throws IOException {
      Output out = output();
      Optional<LocalState> existing = LocalState.read(ctx.stateDir());
      if (existing.isPresent() && existing.get().isRunning()) {
        out.line("running: " + LocalEmulators.describe(existing.get()));
        return out.emit(stateJson(out.document(ExitCodes.OK), existing.get(), true));
      }
      if (existing.isPresent()) {
        LocalState.delete(ctx.stateDir());
        out.line("not running (the " + existing.get().emulator() + " recorded with pid " + existing.get().pid()
            + " has exited; record removed)");
      } else {
        out.line("not running (start one with: iamkit local start)");
      }
      return out.emit(stateJson(out.document(ExitCodes.FAILED), null, false));
    }
  }
}
