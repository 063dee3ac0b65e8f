package io.iamkit.backend.pulumi;

import com.pulumi.automation.AutomationException;
import io.iamkit.api.Availability;
import io.iamkit.api.Change;
import io.iamkit.api.AwsCredentials;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DestroyReport.Removed;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.api.spi.Backend;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.api.state.StateDiff;
import io.iamkit.api.state.LiveUser;
import io.iamkit.live.LiveUserReader;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * Backend {@code pulumi} (the default): each user is one Pulumi stack, run through the Automation API
 * with an inline program ({@link UserProgram}), state in a local directory and secrets encrypted with
 * a passphrase.
 *
 * <p>Operations:
 * <ul>
 *   <li>{@code preview}: the plan is the difference between spec and live IAM state
 *       ({@link StateDiff}); {@code pulumi preview} runs as well, so program or engine errors and
 *       the engine's steps (as progress events) show before an apply;
 *   <li>{@code apply}: managed policy ARNs are checked to exist (nothing is made otherwise), then
 *       {@code pulumi refresh} (so out-of-band changes are seen) and {@code pulumi up}; on a rename
 *       the previous access key is deleted (the engine would leave it on the renamed user); the user is read back from IAM and a
 *       mismatch fails with {@link DeploymentError.VerificationFailed}. A first deployment that fails
 *       half-way is rolled back with {@code pulumi destroy};
 *   <li>{@code outputs}: the stack outputs (never the secret);
 *   <li>{@code drift}: live IAM state against the spec, the stack telling which key is its own;
 *   <li>{@code destroy}: out-of-band attachments, inline policies and keys are removed through IAM,
 *       then {@code pulumi destroy}; the report names everything removed.
 * </ul>
 *
 * <p>Prerequisites, checked before any work: the {@code pulumi} CLI on {@code PATH}
 * ({@link #availability()}) and a passphrase (from the variable named by the option
 * {@code pulumi.passphrase-env}, the file named by {@code pulumi.passphrase-file}, or
 * {@code PULUMI_CONFIG_PASSPHRASE} / {@code PULUMI_CONFIG_PASSPHRASE_FILE}). State lives in
 * {@code DeployOptions.stateDirectory()}, by default {@code ~/.iamkit/pulumi}.
 */
public final class PulumiBackend implements Backend {
  /** The name the backend is selected by. */
  public static final String NAME = "pulumi";

  private static final Logger LOG = LoggerFactory.getLogger(PulumiBackend.class);

  private final Map<String, String> environment;
  private final String osName;
  private final StackEngine.Factory engines;

  /** The backend as {@link java.util.ServiceLoader} makes it: this process's environment. */
  public PulumiBackend() {
    this(System.getenv(), System.getProperty("os.name", ""), AutomationStackEngine::open);
  }

  PulumiBackend(Map<String, String> environment, String osName, StackEngine.Factory engines) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.osName = Objects.requireNonNull(osName, "osName");
    this.engines = Objects.requireNonNull(engines, "engines");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Availability availability() {
    return PulumiCli.locate(environment, osName).isPresent()
        ? Availability.available()
        : Availability.unavailable(new PulumiSetupError.CliNotOnPath(environment.getOrDefault("PATH", "")).message());
  }

  // ---- operations

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user) {
    return withSession(context, user, s -> {
      Either<DeploymentError, StackOutputs> previous = s.runner.run("stack output", e -> s.engine.outputs());
      if (previous.isLeft()) {
        return Either.left(previous.getLeft());
      }
      Option<LiveUser> live = s.readCurrent(user.userName(), previous.get());
      Option<DeploymentError> missing = s.iamSteps.missingManagedPolicy(user.spec(), live);
      if (missing.isDefined()) {
        return Either.left(missing.get());
      }
      Plan plan = StateDiff.plan(user.user(), live, previous.get().accessKeyId());
      return s.runner.run("preview", e -> {
        s.engine.preview(e);
        return plan;
      });
    });
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    return withSession(context, user, s -> {
      Either<DeploymentError, StackOutputs> before = s.runner.run("stack output", e -> s.engine.outputs());
      if (before.isLeft()) {
        return Either.left(before.getLeft());
      }
      StackOutputs previous = before.get();
      Option<LiveUser> live = s.readCurrent(user.userName(), previous);
      Plan plan = StateDiff.plan(user.user(), live, previous.accessKeyId());

      // C-06: an unknown managed policy fails here, before anything is made
      Option<DeploymentError> missing = s.iamSteps.missingManagedPolicy(user.spec(), live);
      if (missing.isDefined()) {
        return Either.left(missing.get());
      }

      if (!previous.isEmpty()) {
        Either<DeploymentError, Boolean> refreshed = s.runner.run("refresh", e -> {
          s.engine.refresh(e);
          return true;
        });
        if (refreshed.isLeft()) {
          return Either.left(refreshed.getLeft());
        }
      }
      // a rename replaces the access key; the engine deletes the old one under the old user name
      // after the rename, where IAM no longer finds it, so the old key would stay on the renamed
      // user: delete it now, under the name it still has (up creates its replacement)
      List<String> notes = List.empty();
      // (a rename in case only is not one here: IAM finds the user under either spelling)
      boolean renamed = previous.userName().isDefined()
          && !previous.userName().get().equalsIgnoreCase(user.userName());
      if (renamed && previous.accessKeyId().isDefined()
          && s.iamSteps.deleteKey(previous.userName().get(), previous.accessKeyId().get(), Option.none())) {
        notes = notes.append("deleted access key " + previous.accessKeyId().get() + " of "
            + previous.userName().get() + " before renaming the user; up made its replacement");
        context.listener().onEvent(new ProgressEvent.ResourceFinished(previous.userName().get(),
            ResourceKind.ACCESS_KEY, previous.accessKeyId().get(), Change.Action.DELETE));
      }
      Either<DeploymentError, StackOutputs> up = s.runner.run("up", s.engine::up);
      if (up.isLeft()) {
        return Either.left(previous.isEmpty() ? s.rollBack(up.getLeft()) : up.getLeft());
      }
      StackOutputs after = up.get();

      // and should the old key still be on the renamed user, it goes now
      if (renamed && previous.accessKeyId().isDefined()
          && s.iamSteps.deleteKey(user.userName(), previous.accessKeyId().get(), after.accessKeyId())) {
        notes = notes.append("deleted the previous access key " + previous.accessKeyId().get()
            + " that the rename from " + previous.userName().get() + " left on the user");
      }

      Option<LiveUser> readBack = s.reader.readAfterCreate(user.userName());
      DriftReport check = StateDiff.drift(user.user(), readBack, after.accessKeyId());
      if (!check.isEmpty()) {
        return Either.left(new DeploymentError.VerificationFailed(check.differences()));
      }
      AwsIamUserOutputs outputs = after.outputs().getOrElseThrow(() ->
          new IllegalStateException("pulumi up succeeded but the stack has no outputs"));
      Deployment deployment = new Deployment(outputs, plan, Option.none(), notes);
      boolean newKey = after.accessKeyId().isDefined() && !after.accessKeyId().equals(previous.accessKeyId());
      if (newKey && user.spec().hasSecretDelivery()) {
        deployment = deployment.withNote("the secret access key was delivered to Secrets Manager secret "
            + user.spec().getSecretDelivery().getSecretName() + " and is not returned");
      } else if (newKey) {
        Option<Secret> secret = after.secretAccessKey();
        if (secret.isDefined()) {
          deployment = deployment.withSecret(secret.get());
        }
      }
      return Either.right(deployment);
    });
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    return withSession(context, user, s ->
        s.runner.run("stack output", e -> s.engine.outputs()).map(StackOutputs::outputs));
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    return withSession(context, user, s -> s.runner.run("stack output", e -> s.engine.outputs()).map(previous ->
        StateDiff.drift(user.user(), s.readCurrent(user.userName(), previous), previous.accessKeyId())));
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    return withSession(context, user, s -> {
      Either<DeploymentError, StackOutputs> before = s.runner.run("stack output", e -> s.engine.outputs());
      if (before.isLeft()) {
        return Either.left(before.getLeft());
      }
      StackOutputs previous = before.get();
      Option<LiveUser> live = s.readCurrent(user.userName(), previous);
      String userName = live.map(LiveUser::userName).getOrElse(user.userName());
      if (previous.isEmpty() && live.isEmpty()) {
        return Either.right(DestroyReport.alreadyGone(userName));
      }
      if (previous.isEmpty()) {
        return Either.left(new DeploymentError.Conflict(userName, "IAM has this user but stack "
            + s.stackName + " has never deployed it (or lost its state); not deleting a user it does not own"));
      }
      Seq<Removed> removed = live.map(l -> s.iamSteps.removeOutOfBand(l, user.spec(), previous.accessKeyId()))
          .getOrElse(List.empty());
      removed.forEach(r -> context.listener().onEvent(new ProgressEvent.ResourceFinished(userName, r.kind(),
          r.resource(), Change.Action.DELETE)));
      Either<DeploymentError, Boolean> destroyed = s.runner.run("destroy", e -> {
        s.engine.destroy(e);
        return true;
      });
      if (destroyed.isLeft()) {
        return Either.left(destroyed.getLeft());
      }
      if (s.reader.read(userName).isDefined()) {
        return Either.left(new DeploymentError.BackendFailed(NAME,
            "pulumi destroy succeeded but IAM still has user " + userName));
      }
      return Either.right(DestroyReport.removed(userName, removed.appendAll(owned(live, user.spec(), previous))));
    });
  }

  /** What the stack removed: the spec's parts as they were live, the delivered secret, the user last. */
  private static Seq<Removed> owned(Option<LiveUser> live, AwsIamUserSpec spec, StackOutputs previous) {
    java.util.List<Removed> removed = new ArrayList<>();
    live.forEach(l -> {
      l.managedPolicyArns().filter(spec.getManagedPolicyArnsList()::contains)
          .forEach(arn -> removed.add(new Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, false)));
      l.inlinePolicies().keySet().filter(spec.getInlinePoliciesMap()::containsKey)
          .forEach(name -> removed.add(new Removed(ResourceKind.INLINE_POLICY, name, false)));
      previous.accessKeyId().filter(id -> l.accessKeys().exists(k -> k.accessKeyId().equals(id)))
          .forEach(id -> removed.add(new Removed(ResourceKind.ACCESS_KEY, id, false)));
    });
    previous.outputs().map(AwsIamUserOutputs::getSecretArn).filter(a -> !a.isEmpty())
        .forEach(arn -> removed.add(new Removed(ResourceKind.SECRET, arn, false)));
    live.forEach(l -> removed.add(new Removed(ResourceKind.USER, l.userName(), false)));
    return List.ofAll(removed);
  }

  // ---- the session of one operation

  @FunctionalInterface
  private interface Operation<T> {
    Either<DeploymentError, T> run(Session session);
  }

  /** Everything one operation on one user needs, opened only once the prerequisites are there. */
  private static final class Session implements AutoCloseable {
    final String stackName;
    final IamClient iam;
    final LiveUserReader reader;
    final IamSteps iamSteps;
    final StackEngine engine;
    final EngineRunner runner;

    Session(String stackName, IamClient iam, StackEngine engine, EngineRunner runner) {
      this.stackName = stackName;
      this.iam = iam;
      this.reader = LiveUserReader.of(iam);
      this.iamSteps = new IamSteps(iam);
      this.engine = engine;
      this.runner = runner;
    }

    /** The live user under the spec's name, else under the name the stack last deployed (a rename). */
    Option<LiveUser> readCurrent(String userName, StackOutputs previous) {
      Option<LiveUser> live = reader.read(userName);
      if (live.isEmpty() && previous.userName().isDefined() && !previous.userName().contains(userName)) {
        live = reader.read(previous.userName().get());
      }
      return live;
    }

    /** After a failed first deployment: destroy what was made, and say so in the error. */
    DeploymentError rollBack(DeploymentError cause) {
      Either<DeploymentError, Boolean> destroyed = runner.run("destroy (roll back)", e -> {
        engine.destroy(e);
        return true;
      });
      String note = destroyed.isRight()
          ? " (the first deployment failed half-way and was rolled back: pulumi destroy removed what it had made)"
          : " (the first deployment failed half-way and rolling it back failed too: "
              + destroyed.getLeft().message() + ")";
      return withNote(cause, note);
    }

    @Override
    public void close() {
      iam.close();
    }
  }

  static DeploymentError withNote(DeploymentError error, String note) {
    if (error instanceof DeploymentError.RejectedByAws r) {
      return new DeploymentError.RejectedByAws(r.code(), r.resource(), r.detail() + note);
    }
    if (error instanceof DeploymentError.BackendFailed f) {
      return new DeploymentError.BackendFailed(f.backend(), f.detail() + note);
    }
    if (error instanceof DeploymentError.Conflict c) {
      return new DeploymentError.Conflict(c.resource(), c.detail() + note);
    }
    return error;
  }

  private <T> Either<DeploymentError, T> withSession(BackendContext context, ValidatedUser user, Operation<T> op) {
    Instant deadline = Instant.now().plus(context.options().timeout());
    // prerequisites first: nothing else happens without the CLI and a passphrase
    Either<PulumiSetupError, PulumiWorkspace> workspace =
        PulumiWorkspace.open(PulumiWorkspace.Settings.from(context.options(), environment), environment, osName);
    if (workspace.isLeft()) {
      LOG.info("pulumi backend cannot run: {}", workspace.getLeft().message());
      return Either.left(new DeploymentError.BackendUnavailable(NAME, workspace.getLeft().message(), alternatives()));
    }
    String stackName = PulumiWorkspace.stackName(user.user());
    Redactor redactor = Redactor.of(secretsOf(context, workspace.get()));
    StackEngine engine;
    try {
      engine = engines.open(workspace.get(), user.user(), AwsAccess.pulumiTarget(context.target(), environment));
    } catch (AutomationException e) {
      return Either.left(EngineErrors.map(e, stackName, user.userName(), redactor));
    }
    EngineRunner runner = new EngineRunner(engine, new EngineEvents(user.userName(), redactor),
        context.listener(), deadline, context.options().timeout(), stackName, user.userName(), redactor);
    try (Session session = new Session(stackName,
        AwsAccess.clientFactory(context.target(), environment).iam(), engine, runner)) {
      return op.run(session);
    } catch (IamException e) {
      String code = e.awsErrorDetails() == null ? "IamError" : e.awsErrorDetails().errorCode();
      return Either.left(new DeploymentError.RejectedByAws(code, user.userName(),
          redactor.redact(String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()))));
    } catch (SdkException e) {
      return Either.left(new DeploymentError.BackendFailed(NAME, "IAM call failed: " + redactor.redact(String.valueOf(e.getMessage()))));
    }
  }

  private static java.util.List<String> secretsOf(BackendContext context, PulumiWorkspace workspace) {
    java.util.List<String> secrets = new ArrayList<>(workspace.secretValues());
    if (context.target().credentials() instanceof AwsCredentials.Static s) {
      secrets.add(s.secretAccessKey().reveal());
      s.sessionToken().forEach(t -> secrets.add(t.reveal()));
    }
    return secrets;
  }

  /** The other backends that can run here, for the error that names alternatives. */
  private static Seq<BackendInfo> alternatives() {
    return Deployer.availableBackends(PulumiBackend.class.getClassLoader())
        .filter(i -> !i.name().equals(NAME) && i.availability().isAvailable());
  }

  @Override
  public String toString() {
    return "PulumiBackend[" + availability() + "]";
  }
}
