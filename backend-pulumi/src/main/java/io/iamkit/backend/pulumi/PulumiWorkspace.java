package io.iamkit.backend.pulumi;

import com.pulumi.Context;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.PluginInstallOptions;
import com.pulumi.automation.ProjectBackend;
import com.pulumi.automation.ProjectRuntimeName;
import com.pulumi.automation.ProjectSettings;
import com.pulumi.automation.StackSettings;
import com.pulumi.automation.WorkspaceStack;
import io.iamkit.api.DeployOptions;
import io.iamkit.backend.pulumi.PulumiSetupError.CliNotOnPath;
import io.iamkit.backend.pulumi.PulumiSetupError.PassphraseMissing;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.control.Either;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Automation API side of the pulumi backend: a local workspace whose state lives in a
 * directory of files ({@code file://} backend, never Pulumi Cloud), whose secrets are encrypted
 * with a passphrase, and with one stack per user named after {@code metadata.name}.
 *
 * <p>{@link #open} checks every prerequisite before any work starts and returns a
 * {@link PulumiSetupError} instead of a workspace when one is missing.
 */
final class PulumiWorkspace {
  static final String PASSPHRASE_ENV = "PULUMI_CONFIG_PASSPHRASE";
  static final String PASSPHRASE_FILE_ENV = "PULUMI_CONFIG_PASSPHRASE_FILE";
  static final String BACKEND_URL_ENV = "PULUMI_BACKEND_URL";
  static final String SECRETS_PROVIDER = "passphrase";
  static final String DEFAULT_PROJECT = "iamkit";

  private static final Logger LOG = LoggerFactory.getLogger(PulumiWorkspace.class);

  /** Property of {@link DeployOptions} naming the environment variable that holds the passphrase. */
  static final String PROPERTY_PASSPHRASE_ENV = "pulumi.passphrase-env";
  /** Property of {@link DeployOptions} giving a file whose content is the passphrase. */
  static final String PROPERTY_PASSPHRASE_FILE = "pulumi.passphrase-file";
  /** Property of {@link DeployOptions} overriding the Pulumi project name. */
  static final String PROPERTY_PROJECT = "pulumi.project";

  /** Settings of the pulumi backend. */
  record Settings(Path stateDirectory, Optional<Passphrase> passphrase, Optional<Path> passphraseFile,
      String projectName) {
    Settings {
      Objects.requireNonNull(stateDirectory, "stateDirectory");
      Objects.requireNonNull(passphrase, "passphrase");
      Objects.requireNonNull(passphraseFile, "passphraseFile");
      Objects.requireNonNull(projectName, "projectName");
    }

    static Settings of(Path stateDirectory) {
      return new Settings(stateDirectory, Optional.empty(), Optional.empty(), DEFAULT_PROJECT);
    }

    Settings withPassphrase(String passphrase) {
      return new Settings(stateDirectory, Optional.of(new Passphrase(passphrase)), passphraseFile,
          projectName);
    }

    Settings withPassphraseFile(Path file) {
      return new Settings(stateDirectory, passphrase, Optional.of(file), projectName);
    }

    /**
     * The settings an operation asks for: the state directory from
     * {@link DeployOptions#stateDirectory()} (default {@code ~/.iamkit/pulumi}); the passphrase from
     * the variable named by {@value #PROPERTY_PASSPHRASE_ENV} or the file given by
     * {@value #PROPERTY_PASSPHRASE_FILE} (the passphrase itself is never a property, so it cannot
     * show in a printed {@code DeployOptions}); otherwise {@link #open} falls back to
     * {@value #PASSPHRASE_ENV} and {@value #PASSPHRASE_FILE_ENV}.
     */
    static Settings from(DeployOptions options, Map<String, String> environment) {
      Path state = options.stateDirectory().getOrElse(() -> defaultStateDirectory(environment));
      Settings settings = new Settings(state, Optional.empty(), Optional.empty(),
          options.backendProperty(PROPERTY_PROJECT).filter(p -> !p.isBlank()).getOrElse(DEFAULT_PROJECT));
      Optional<String> fromNamedVariable = options.backendProperty(PROPERTY_PASSPHRASE_ENV)
          .filter(name -> !name.isBlank())
          .flatMap(name -> io.vavr.control.Option.of(environment.get(name)))
          .filter(p -> !p.isEmpty())
          .toJavaOptional();
      if (fromNamedVariable.isPresent()) {
        settings = settings.withPassphrase(fromNamedVariable.get());
      }
      Optional<Path> file = options.backendProperty(PROPERTY_PASSPHRASE_FILE)
          .filter(f -> !f.isBlank()).map(Path::of).toJavaOptional();
      if (file.isPresent()) {
        settings = settings.withPassphraseFile(file.get());
      }
      return settings;
    }

    /** {@code ~/.iamkit/pulumi}, with {@code ~} from {@code user.home}. */
    static Path defaultStateDirectory(Map<String, String> environment) {
      return Path.of(System.getProperty("user.home", environment.getOrDefault("HOME", ".")),
          ".iamkit", "pulumi");
    }
  }

  /** The passphrase that encrypts the state's secrets; {@link #toString()} never shows it. */
  record Passphrase(String value) {
    Passphrase {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Passphrase[****]";
    }
  }

  private final Path stateDirectory;
  private final String projectName;
  private final Path cli;
  /** Variables handed to every pulumi CLI run: backend URL and the passphrase (or its file). */
  private final Map<String, String> cliEnvironment;

  private PulumiWorkspace(Path stateDirectory, String projectName, Path cli,
      Map<String, String> cliEnvironment) {
    this.stateDirectory = stateDirectory;
    this.projectName = projectName;
    this.cli = cli;
    this.cliEnvironment = Map.copyOf(cliEnvironment);
  }

  /** Checks the prerequisites against this process's environment. */
  static Either<PulumiSetupError, PulumiWorkspace> open(Settings settings) {
    return open(settings, System.getenv(), System.getProperty("os.name", ""));
  }

  /**
   * Checks the prerequisites in order (the CLI, then a passphrase) against the given environment
   * and returns the first one missing, or a workspace ready to create stacks.
   */
  static Either<PulumiSetupError, PulumiWorkspace> open(Settings settings,
      Map<String, String> environment, String osName) {
    Optional<Path> cli = PulumiCli.locate(environment, osName);
    if (cli.isEmpty()) {
      return Either.left(new CliNotOnPath(environment.getOrDefault("PATH", "")));
    }
    Path stateDirectory = settings.stateDirectory().toAbsolutePath().normalize();
    Map<String, String> cliEnvironment = new HashMap<>();
    cliEnvironment.put(BACKEND_URL_ENV, backendUrl(stateDirectory));
    cliEnvironment.put("PULUMI_SKIP_UPDATE_CHECK", "true");
    // configured sources first (a passphrase, then a file), then the environment's
    Optional<String> passphrase = settings.passphrase().map(Passphrase::value).filter(p -> !p.isEmpty());
    Optional<String> passphraseFile = settings.passphraseFile().map(Path::toString);
    if (passphrase.isEmpty() && passphraseFile.isEmpty()) {
      passphrase = Optional.ofNullable(environment.get(PASSPHRASE_ENV)).filter(p -> !p.isEmpty());
      if (passphrase.isEmpty()) {
        passphraseFile = Optional.ofNullable(environment.get(PASSPHRASE_FILE_ENV)).filter(p -> !p.isBlank());
      }
    }
    if (passphrase.isPresent()) {
      cliEnvironment.put(PASSPHRASE_ENV, passphrase.get());
    } else if (passphraseFile.isPresent() && Files.isReadable(Path.of(passphraseFile.get()))) {
      cliEnvironment.put(PASSPHRASE_FILE_ENV, passphraseFile.get());
    } else {
      return Either.left(new PassphraseMissing());
    }
    LOG.debug("pulumi CLI {}, state in {}", cli.get(), stateDirectory);
    return Either.right(new PulumiWorkspace(stateDirectory, settings.projectName(), cli.get(),
        cliEnvironment));
  }

  /**
   * The {@code file://} URL of a local state directory; the same whether or not the directory
   * exists yet (unlike {@link Path#toUri()}, which adds a slash to existing directories).
   */
  static String backendUrl(Path stateDirectory) {
    String path = stateDirectory.toAbsolutePath().normalize().toString().replace('\\', '/');
    return "file://" + (path.startsWith("/") ? "" : "/") + path;
  }

  /** One stack per user: named after the manifest's {@code metadata.name}. */
  static String stackName(AwsIamUser manifest) {
    String name = manifest.getMetadata().getName();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("metadata.name is required to name the stack");
    }
    return name;
  }

  /** The secret values this workspace hands to the CLI (the passphrase), for redaction. */
  java.util.List<String> secretValues() {
    return cliEnvironment.containsKey(PASSPHRASE_ENV)
        ? java.util.List.of(cliEnvironment.get(PASSPHRASE_ENV)) : java.util.List.of();
  }

  Path stateDirectory() {
    return stateDirectory;
  }

  Path cli() {
    return cli;
  }

  String projectName() {
    return projectName;
  }

  /** The options of the local workspace that runs {@code program} for {@code manifest}. */
  LocalWorkspaceOptions options(AwsIamUser manifest, Consumer<Context> program) {
    String stack = stackName(manifest);
    ProjectSettings project = ProjectSettings.builder(projectName, ProjectRuntimeName.JAVA)
        .description("iamkit: IAM users deployed by the pulumi backend")
        .backend(ProjectBackend.builder().url(backendUrl(stateDirectory)).build())
        .build();
    return LocalWorkspaceOptions.builder()
        .workDir(stateDirectory.resolve("workspaces").resolve(stack))
        .projectSettings(project)
        .stackSettings(Map.of(stack, StackSettings.builder().secretsProvider(SECRETS_PROVIDER).build()))
        .secretsProvider(SECRETS_PROVIDER)
        .environmentVariables(cliEnvironment)
        .program(program)
        .build();
  }

  /**
   * Creates the user's stack, or selects it when it exists, with the program for this target.
   * Runs the pulumi CLI.
   */
  WorkspaceStack stack(AwsIamUser manifest, PulumiTarget target) throws AutomationException {
    UserProgram program = new UserProgram(manifest, target);
    LocalWorkspaceOptions options = options(manifest, program);
    try {
      Files.createDirectories(options.workDir());
    } catch (IOException e) {
      throw new AutomationException("cannot create the workspace directory " + options.workDir(), e);
    }
    WorkspaceStack stack =
        LocalWorkspace.createOrSelectStack(projectName, stackName(manifest), program, options);
    // an inline program declares no plugins the CLI could discover: install the AWS provider
    // plugin matching the Java package on the classpath (a no-op when already installed)
    stack.workspace().installPlugin("aws", "v" + awsPluginVersion(), PluginInstallOptions.Empty);
    return stack;
  }

  /** The AWS provider plugin version the Java package {@code com.pulumi:aws} was generated for. */
  static String awsPluginVersion() {
    String resource = "/com/pulumi/aws/plugin.json";
    try (InputStream in = PulumiWorkspace.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("com.pulumi:aws is not on the classpath (" + resource + ")");
      }
      JsonNode version = new ObjectMapper().readTree(in).path("version");
      if (!version.isTextual() || version.asText().isEmpty()) {
        throw new IllegalStateException("no version in " + resource);
      }
      return version.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  @Override
  public String toString() {
    return "PulumiWorkspace[state=" + stateDirectory + ", project=" + projectName + ", cli=" + cli + "]";
  }
}
