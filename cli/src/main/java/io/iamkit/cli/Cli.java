package io.iamkit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line: parses, configures logging, runs one command and returns its exit code
 * ({@link ExitCodes}). Tests run it in-process with their own {@link CliContext}.
 */
final class Cli {
  /** System property set by bin/iamkit: whether stderr is a terminal (a live progress display then). */
  static final String STDERR_IS_TERMINAL = "iamkit.stderrIsTerminal";

  private final CliContext ctx;

  Cli(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The CLI of this process: System.out/err, the real environment and working directory. */
  static Cli system() {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    String term = System.getenv("TERM");
    String told = System.getProperty(STDERR_IS_TERMINAL);   // bin/iamkit knows; Java cannot tell for stderr
    boolean terminal = told != null ? Boolean.parseBoolean(told)
        : System.console() != null && term != null && !term.equals("dumb");
    return new Cli(new CliContext(out, err, System.getenv(), Path.of("").toAbsolutePath(), AwsDefaults.sdk(), terminal));
  }

  int run(String... args) {
    try {
      return commandLine(args).execute(args);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new IamkitCommand(), new Factory(ctx));
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(100);
    cl.setUnmatchedOptionsAllowedAsOptionParameters(false);   // -f a.yaml --typo: an error, not a file named --typo
    cl.setExecutionStrategy(this::execute);
    cl.setParameterExceptionHandler((ex, a) -> usageError(ex, args));
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> internalError(ex, parseResult));
    return cl;
  }

  private int execute(ParseResult parseResult) {
    IamkitCommand root = (IamkitCommand) parseResult.commandSpec().userObject();
    Logging.configure(root.verbosity(), ctx.err());
    return new CommandLine.RunLast().execute(parseResult);
  }

  /** Bad options or arguments: exit code 2, the problem and where to find help (in JSON when asked for). */
  private int usageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName(" ").replaceFirst("^iamkit ?", "");
    Output out = new Output(ctx, wantsJson(args) ? Output.Format.json : Output.Format.table, name.isEmpty() ? "iamkit" : name);
    if (out.json()) {
      return out.fail(ExitCodes.USAGE, "Usage", ex.getMessage());
    }
    ctx.err().println("iamkit" + (name.isEmpty() ? "" : " " + name) + ": " + ex.getMessage());
    ctx.err().println("Try 'iamkit " + (name.isEmpty() ? "" : name + " ") + "--help' for usage.");
    return ExitCodes.USAGE;
  }

  /** A bug or an unexpected environment failure: exit code 1, the message, the stack trace only with -v. */
  private int internalError(Exception ex, ParseResult parseResult) {
    IamkitCommand root = (IamkitCommand) parseResult.commandSpec().userObject();
    LoggerFactory.getLogger(Cli.class).debug("command failed", ex);
    Output out = new Output(ctx, root.output, parseResult.subcommand() == null ? "iamkit"
        : parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1)
            .getCommandSpec().qualifiedName(" ").replaceFirst("^iamkit ", ""));
    return out.fail(ExitCodes.FAILED, "Failed", ex.getClass().getSimpleName() + ": " + ex.getMessage()
        + (root.verbosity() == 0 ? " (run with -v for details)" : ""));
  }

  private static boolean wantsJson(String[] args) {
    List<String> a = Arrays.asList(args);
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i).toLowerCase(Locale.ROOT);
      if (s.equals("-ojson") || s.equals("--output=json") || s.equals("-o=json")
          || ((s.equals("-o") || s.equals("--output")) && i + 1 < a.size() && a.get(i + 1).equalsIgnoreCase("json"))) {
        return true;
      }
    }
    return false;
  }

  /** Creates commands; those that take a {@link CliContext} get this one. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext ctx;

    Factory(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
        c.setAccessible(true);
        return c.newInstance(ctx);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  /** {@code --version}: the version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"iamkit " + (v == null ? "(development build)" : v)};
    }
  }
}
