package io.iamkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code iamkit}: the top-level command. Its options are accepted before or after any verb. */
@Command(
    name = "iamkit",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = {
        "Deploys least-privilege AWS IAM users (service accounts) from AwsIamUser manifests.",
        "",
        "Manifests: YAML or JSON files (several YAML documents per file) or folders of them.",
        "Commands that talk to AWS need a target: --local (the emulator of 'iamkit local start'),"
            + " --endpoint URL (any emulator), or AWS credentials in the standard chain (a real account).",
        "",
    },
    subcommands = {
        ValidateCommand.class,
        LintCommand.class,
        DeployCommands.Preview.class,
        DeployCommands.Apply.class,
        DeployCommands.Outputs.class,
        DeployCommands.Drift.class,
        DeployCommands.Destroy.class,
        LocalCommand.class,
        BackendsCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success (drift: no drift)",
        "1:an operation failed",
        "2:invalid input or usage",
        "3:drift found (drift)",
    },
    footer = {"", "Secrets are never printed unless --show-secret is given to apply or outputs."})
final class IamkitCommand implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
      description = "table (default, for people) or json (one JSON document on stdout, for machines)")
  Output.Format output = Output.Format.table;

  @Option(names = "-v", scope = ScopeType.INHERIT,
      description = "Verbose logging on stderr: -v for iamkit's steps, -vv for everything (TRACE)")
  boolean[] verbose = new boolean[0];

  /** No verb: the usage, exit code 2. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("iamkit: a command is needed");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  int verbosity() {
    return verbose.length;
  }

  /** The top-level command of the command line a subcommand belongs to. */
  static IamkitCommand of(CommandSpec spec) {
    return (IamkitCommand) spec.root().userObject();
  }

  /** An output for a subcommand, named by its full name (e.g. {@code local start}). */
  static Output output(CommandSpec spec, CliContext ctx) {
    String name = spec.qualifiedName(" ").replaceFirst("^iamkit ", "");
    return new Output(ctx, of(spec).output, name);
  }
}
