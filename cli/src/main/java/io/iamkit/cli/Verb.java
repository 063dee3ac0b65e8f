package io.iamkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: its place in the command line and the context it runs in. */
abstract class Verb implements Callable<Integer> {
  @Spec CommandSpec spec;
  final CliContext ctx;

  Verb(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Where this command's results go, in the format asked for. */
  Output output() {
    return IamkitCommand.output(spec, ctx);
  }
}
