package io.iamkit.api;

import io.iamkit.api.spi.Backend;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.Validator;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.Lazy;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys {@link AwsIamUser}s through one backend, chosen by name among those registered with
 * {@link ServiceLoader} ({@value #DEFAULT_BACKEND} by default).
 *
 * <p>Every operation validates first: an invalid spec returns {@link DeploymentError.InvalidSpec}
 * and reaches no backend. An unknown or unavailable backend returns
 * {@link DeploymentError.BackendUnavailable} naming the backends that can run. Operations on a set
 * validate the set as a whole (user names unique ignoring case) before touching any user, then run
 * user by user; the result maps each IAM user name to its own outcome.
 *
 * <p>Progress events go to the listener on the calling thread; an exception thrown by the listener is
 * logged and does not interrupt the operation.
 *
 * <p>A Deployer is immutable and thread-safe as far as its backend is.
 */
public final class Deployer {
  /** The backend used when none is named. */
  public static final String DEFAULT_BACKEND = "pulumi";

  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  private final String backendName;
  private final AwsTarget target;
  private final ProgressListener listener;
  private final DeployOptions options;
  private final ClassLoader classLoader;
  private final Validator validator;
  private final Lazy<Either<DeploymentError, Backend>> backend;

  private Deployer(Builder b) {
    this.backendName = b.backendName;
    this.target = b.target;
    this.listener = b.listener;
    this.options = b.options;
    this.classLoader = b.classLoader;
    this.validator = Validator.create(options.validation());
    this.backend = Lazy.of(() -> resolve(backendName, classLoader));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A deployer with the default backend, the target from the environment and default options. */
  public static Deployer create() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.backendName = backendName;
    b.target = target;
    b.listener = listener;
    b.options = options;
    b.classLoader = classLoader;
    return b;
  }

  public String backendName() {
    return backendName;
  }

  public AwsTarget target() {
    return target;
  }

  public DeployOptions options() {
    return options;
  }

  /** Every backend registered on the class path, with whether it can run here. */
  public static Seq<BackendInfo> availableBackends() {
    return availableBackends(Deployer.class.getClassLoader());
  }

  /** As {@link #availableBackends()}, looking in the given class loader. */
  public static Seq<BackendInfo> availableBackends(ClassLoader classLoader) {
    return discover(classLoader).map(Found::info);
  }

  // ---- one user

  /** What an apply would change. */
  public Either<DeploymentError, Plan> preview(AwsIamUser user) {
    return run("preview", user, (b, u) -> b.preview(context(), u));
  }

  /** Makes AWS match the spec and verifies the result; the secret, if a key was made, comes back once. */
  public Either<DeploymentError, Deployment> apply(AwsIamUser user) {
    return run("apply", user, (b, u) -> b.apply(context(), u));
  }

  /** The outputs of the deployed user; none when it is not deployed. */
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(AwsIamUser user) {
    return run("outputs", user, (b, u) -> b.outputs(context(), u));
  }

  /** Differences between the spec and the live IAM state. */
  public Either<DeploymentError, DriftReport> drift(AwsIamUser user) {
    return run("drift", user, (b, u) -> b.drift(context(), u));
  }

  /** Removes the user and everything attached to it. */
  public Either<DeploymentError, DestroyReport> destroy(AwsIamUser user) {
    return run("destroy", user, (b, u) -> b.destroy(context(), u));
  }

  // ---- a set of users

  public Either<DeploymentError, Map<String, Either<DeploymentError, Plan>>> previewAll(Seq<AwsIamUser> users) {
    return runAll("preview", users, (b, u) -> b.preview(context(), u));
  }

  public Either<DeploymentError, Map<String, Either<DeploymentError, Deployment>>> applyAll(Seq<AwsIamUser> users) {
    return runAll("apply", users, (b, u) -> b.apply(context(), u));
  }

  public Either<DeploymentError, Map<String, Either<DeploymentError, Option<AwsIamUserOutputs>>>> outputsAll(
      Seq<AwsIamUser> users) {
    return runAll("outputs", users, (b, u) -> b.outputs(context(), u));
  }

  public Either<DeploymentError, Map<String, Either<DeploymentError, DriftReport>>> driftAll(Seq<AwsIamUser> users) {
    return runAll("drift", users, (b, u) -> b.drift(context(), u));
  }

  public Either<DeploymentError, Map<String, Either<DeploymentError, DestroyReport>>> destroyAll(
      Seq<AwsIamUser> users) {
    return runAll("destroy", users, (b, u) -> b.destroy(context(), u));
  }

  // ---- internals

  private BackendContext context() {
    return new BackendContext(target, this::notify, options);
  }

  /** A listener that throws must not break an operation half-way: its failure is logged and ignored. */
  private void notify(ProgressEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
    }
  }

  private <T> Either<DeploymentError, T> run(
      String operation, AwsIamUser user, BiFunction<Backend, ValidatedUser, Either<DeploymentError, T>> call) {
    Objects.requireNonNull(user, "user");
    var validated = ValidatedUser.validate(user, validator);
    if (validated.isInvalid()) {
      DeploymentError error = new DeploymentError.InvalidSpec(validated.getError());
      LOG.info("{} of '{}' refused: {}", operation, user.getMetadata().getName(), error.message());
      return Either.left(error);
    }
    return backend.get().flatMap(b -> invoke(operation, b, validated.get(), call));
  }

  private <T> Either<DeploymentError, Map<String, Either<DeploymentError, T>>> runAll(
      String operation, Seq<AwsIamUser> users,
      BiFunction<Backend, ValidatedUser, Either<DeploymentError, T>> call) {
    Objects.requireNonNull(users, "users");
    var validated = ValidatedUser.validateAll(users, validator);
    if (validated.isInvalid()) {
      DeploymentError error = new DeploymentError.InvalidSpec(validated.getError());
      LOG.info("{} of {} user(s) refused: {}", operation, users.size(), error.message());
      return Either.left(error);
    }
    return backend.get().map(b -> validated.get().foldLeft(
        LinkedHashMap.<String, Either<DeploymentError, T>>empty(),
        (acc, u) -> acc.put(u.userName(), invoke(operation, b, u, call))));
  }

  private <T> Either<DeploymentError, T> invoke(
      String operation, Backend b, ValidatedUser user,
      BiFunction<Backend, ValidatedUser, Either<DeploymentError, T>> call) {
    LOG.info("{} of '{}' (user {}) via backend {}", operation, user.name(), user.userName(), b.name());
    Either<DeploymentError, T> result = Objects.requireNonNull(
        call.apply(b, user), () -> "backend " + b.name() + " returned null from " + operation);
    if (result.isLeft()) {
      LOG.warn("{} of '{}' failed: {}", operation, user.name(), result.getLeft().message());
    } else {
      LOG.debug("{} of '{}' succeeded: {}", operation, user.name(), result.get());
    }
    return result;
  }

  private record Found(BackendInfo info, Option<Backend> backend) { }

  private static Seq<Found> discover(ClassLoader classLoader) {
    List<Found> found = List.empty();
    var iterator = ServiceLoader.load(Backend.class, classLoader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<Backend> provider;
      try {
        if (!iterator.hasNext()) {
          break;
        }
        provider = iterator.next();
      } catch (ServiceConfigurationError e) {
        LOG.warn("a registered backend could not be loaded: {}", e.getMessage());
        continue;
      }
      try {
        Backend b = provider.get();
        found = found.append(new Found(new BackendInfo(b.name(), b.availability()), Option.of(b)));
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        String name = provider.type().getName();
        // ServiceLoader wraps the constructor's failure: the root cause says why
        String why = "cannot be instantiated: " + e + causes(e);
        LOG.warn("backend {} {}", name, why);
        found = found.append(new Found(new BackendInfo(name, Availability.unavailable(why)), Option.none()));
      }
    }
    return found.sortBy(f -> f.info().name());
  }

  /** {@code "; caused by X: message"} for each cause of {@code e}, innermost last. */
  private static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    java.util.Set<Throwable> seen = new java.util.HashSet<>();
    for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
      out.append("; caused by ").append(c);
    }
    return out.toString();
  }

  private static Either<DeploymentError, Backend> resolve(String name, ClassLoader classLoader) {
    Seq<Found> all = discover(classLoader);
    Seq<BackendInfo> usable = all.map(Found::info).filter(i -> i.availability().isAvailable());
    Option<Found> asked = all.find(f -> f.info().name().equals(name));
    if (asked.isEmpty()) {
      return Either.left(new DeploymentError.BackendUnavailable(name,
          "no backend named '" + name + "' is registered (known: "
              + (all.isEmpty() ? "none" : all.map(f -> f.info().name()).mkString(", ")) + ")",
          usable));
    }
    Found f = asked.get();
    if (!f.info().availability().isAvailable() || f.backend().isEmpty()) {
      return Either.left(new DeploymentError.BackendUnavailable(name, f.info().availability().reason(),
          usable.filter(i -> !i.name().equals(name))));
    }
    return Either.right(f.backend().get());
  }

  /** Builds a {@link Deployer}. */
  public static final class Builder {
    private String backendName = DEFAULT_BACKEND;
    private AwsTarget target;
    private ProgressListener listener = ProgressListener.NONE;
    private DeployOptions options = DeployOptions.defaults();
    private ClassLoader classLoader = Deployer.class.getClassLoader();

    private Builder() { }

    /** The backend's name, e.g. {@code direct}; {@value Deployer#DEFAULT_BACKEND} when not called. */
    public Builder backend(String name) {
      Objects.requireNonNull(name, "backend name");
      this.backendName = name.trim().toLowerCase(Locale.ROOT);
      return this;
    }

    /** Where to deploy; {@link AwsTarget#fromEnvironment()} when not called. */
    public Builder target(AwsTarget target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder options(DeployOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Where backends are looked up; the class loader of iamkit-api by default. */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    public Deployer build() {
      if (target == null) {
        target = AwsTarget.fromEnvironment();
      }
      return new Deployer(this);
    }
  }
}
