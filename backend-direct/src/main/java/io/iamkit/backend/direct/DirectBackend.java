package io.iamkit.backend.direct;

import io.iamkit.api.Availability;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.spi.Backend;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.api.state.StateDiff;
import io.iamkit.live.EventualConsistency;
import io.iamkit.model.Validator;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Backend {@code direct}: converges a user through the IAM API itself, with no engine and no state
 * file. Everything it needs to know about earlier applies it reads from AWS:
 * <ul>
 *   <li>the user: by the spec's user name, or after a rename by the tag
 *       {@code iamkit:resource=<metadata.name>} that every user it creates carries;
 *   <li>its own access key: the tag {@code iamkit:access-key-id}; other keys are foreign, reported
 *       and left alone by apply, removed by destroy;
 *   <li>the delivered secret: {@code spec.secretDelivery.secretName}.
 * </ul>
 * Drift is the live difference between the spec and IAM. After every apply that changed something
 * the user is read back and compared with the spec. An unchanged spec makes no mutating call.
 * {@code DeployOptions.timeout()} is checked before every AWS call of an operation.
 *
 * <p>Clients are built once per {@link AwsTarget} (with its call observers) and kept for the
 * backend's lifetime.
 */
public final class DirectBackend implements Backend {
  /** The name this backend is selected by. */
  public static final String NAME = "direct";

  private static final Logger LOG = LoggerFactory.getLogger(DirectBackend.class);

  private final EventualConsistency consistency;
  private final Map<AwsTarget, Clients> clients = new ConcurrentHashMap<>();

  /** The backend as {@link java.util.ServiceLoader} creates it. */
  public DirectBackend() {
    this(EventualConsistency.DEFAULT);
  }

  /** With the bounds on retries of IAM's eventual consistency. */
  DirectBackend(EventualConsistency consistency) {
    this.consistency = Objects.requireNonNull(consistency, "consistency");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always available: it needs only the AWS SDK, which is on the class path. */
  @Override
  public Availability availability() {
    return Availability.available();
  }

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user) {
    return tooManyTags(user).<Either<DeploymentError, Plan>>map(Either::left)
        .getOrElse(() -> run("preview", context, user, s -> Converger.plan(s, Locator.locate(s))));
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    return tooManyTags(user).<Either<DeploymentError, Deployment>>map(Either::left)
        .getOrElse(() -> run("apply", context, user, Converger::apply));
  }

  /**
   * The ownership tags count against IAM's tags per user, so this backend can deploy at most
   * {@code 50 - }{@value Ownership#OWN_TAG_COUNT} of the spec's tags; more is refused before any AWS
   * call (IAM would refuse it half-way, after CreateUser).
   */
  static Option<DeploymentError> tooManyTags(ValidatedUser user) {
    int tags = StateDiff.expectedTags(user.user()).size();
    int max = Validator.MAX_TAGS - Ownership.OWN_TAG_COUNT;
    if (tags <= max) {
      return Option.none();
    }
    return Option.some(new DeploymentError.InvalidSpec(io.vavr.collection.List.of(new Violation("spec.tags",
        "tags.count", "the user would get " + tags + " tags (spec.tags and metadata.tags); backend " + NAME
            + " adds " + Ownership.OWN_TAG_COUNT + " of its own (" + Ownership.RESOURCE_TAG + ", "
            + Ownership.ACCESS_KEY_TAG + ") and IAM allows " + Validator.MAX_TAGS + ", so at most " + max))));
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    return run("outputs", context, user,
        s -> Locator.locate(s).map(f -> Converger.outputs(s, f, Option.none())));
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    return run("drift", context, user, s -> Converger.drift(s, Locator.locate(s)));
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    return run("destroy", context, user, Destroyer::destroy);
  }

  private <T> Either<DeploymentError, T> run(
      String operation, BackendContext context, ValidatedUser user, Function<Session, T> body) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(user, "user");
    Instant deadline = Instant.now().plus(context.options().timeout());
    Clients c;
    try {
      c = clients.computeIfAbsent(context.target(), t -> Clients.forTarget(t));
    } catch (AwsClientFactory.NoRegionException e) {
      return Either.left(new DeploymentError.BackendFailed(NAME, operation + " of user " + user.userName() + ": "
          + e.getMessage()));
    }
    Session session = new Session(context, user, c, consistency, deadline);
    try {
      return Either.right(body.apply(session));
    } catch (StepFailed f) {
      LOG.warn("{} of user {} failed: {}", operation, user.userName(), f.error().message());
      return Either.left(f.error());
    } catch (AwsServiceException e) {
      return Either.left(session.rejected(operation, "user " + user.userName(), e));
    } catch (SdkException e) {
      String detail = operation + " of user " + user.userName() + ": " + e.getMessage();
      LOG.warn("{}", detail);
      return Either.left(new DeploymentError.BackendFailed(NAME, detail));
    }
  }
}
