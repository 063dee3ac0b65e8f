package io.iamkit.backend.cloudformation;

import io.iamkit.api.Availability;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.Deployment;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.spi.Backend;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.backend.cloudformation.internal.SynthesizedStack;
import io.iamkit.backend.cloudformation.internal.TemplateSynthesizer;
import io.iamkit.live.EventualConsistency;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Backend {@code cloudformation}: one CloudFormation stack per user, named
 * {@code iamkit-<metadata.name>}, deployed through change sets.
 *
 * <ul>
 *   <li>preview: a change set of explicit type (CREATE when {@code DescribeStacks} finds no
 *       stack, else UPDATE), mapped onto the api's {@link Plan}, then deleted again together with
 *       the empty stack a CREATE change set makes, so a preview leaves nothing behind;
 *   <li>apply: the same change set executed and waited for, stack events streamed as progress
 *       events; what CloudFormation does not do (remove out-of-band grants, restore drift of
 *       resources an unchanged template declares) is done through IAM and listed in the plan;
 *       then the user is read back from IAM and any difference from the spec fails the apply;
 *   <li>the access key's secret goes from the key straight into an
 *       {@code AWS::SecretsManager::Secret} inside the template; it is never a stack output. Without
 *       {@code secretDelivery} the apply that created the key reads it from Secrets Manager once and
 *       returns it in {@link Deployment#secret()};
 *   <li>drift: the live IAM diff ({@code live});
 *   <li>destroy: out-of-band grants removed through IAM, {@code DeleteStack}, then IAM checked.
 * </ul>
 * See {@code backend-cloudformation/README.md}. Always available: it needs only the AWS SDK.
 */
public final class CloudFormationBackend implements Backend {
  /** The name this backend is selected by. */
  public static final String NAME = "cloudformation";

  private static final Logger LOG = LoggerFactory.getLogger(CloudFormationBackend.class);
  private static final TemplateSynthesizer SYNTHESIZER = new TemplateSynthesizer();

  private final EventualConsistency consistency;
  private final Map<AwsTarget, Clients> clients = new ConcurrentHashMap<>();

  /** The backend as {@link java.util.ServiceLoader} creates it. */
  public CloudFormationBackend() {
    this(EventualConsistency.DEFAULT);
  }

  CloudFormationBackend(EventualConsistency consistency) {
    this.consistency = Objects.requireNonNull(consistency, "consistency");
  }

  /**
   * The stack and template this backend deploys for a user, without deploying anything and without
   * any AWS call: what {@code preview --template-out DIR} writes for a reviewer or a linter. The same
   * user always gives the same bytes. (A deployed stack can differ in one value: after the stack's
   * access key was deleted out of band, apply raises the key's {@code Serial} to replace it.)
   *
   * @param user a user that passed {@code io.iamkit.model.Validator}
   * @return the stack name ({@code iamkit-<metadata.name>}) and the template as JSON text
   * @throws IllegalArgumentException if the user cannot be expressed (no user name, a metadata name
   *     that gives no valid stack name); validation reports these first
   */
  public static StackTemplate template(AwsIamUser user) {
    SynthesizedStack stack = SYNTHESIZER.synthesize(Objects.requireNonNull(user, "user"));
    return new StackTemplate(stack.stackName(), stack.templateBody());
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
    return run("preview", context, user, Converger::preview);
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    return run("apply", context, user, Converger::apply);
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    return run("outputs", context, user, Converger::outputs);
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    return run("drift", context, user, Converger::drift);
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    return run("destroy", context, user, Destroyer::destroy);
  }

  private <T> Either<DeploymentError, T> run(
      String operation, BackendContext context, ValidatedUser user, Function<Session, T> body) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(user, "user");
    Clients c;
    try {
      c = clients.computeIfAbsent(context.target(), Clients::forTarget);
    } catch (AwsClientFactory.NoRegionException e) {
      return Either.left(new DeploymentError.BackendFailed(NAME, operation + " of user " + user.userName() + ": "
          + e.getMessage()));
    }
    Session session = new Session(context, user, c, consistency);
    try {
      return Either.right(body.apply(session));
    } catch (StepFailed f) {
      LOG.warn("{} of user {} failed: {}", operation, user.userName(), f.error().message());
      return Either.left(f.error());
    } catch (AwsServiceException e) {
      return Either.left(session.rejected(operation, "stack " + session.stackName(), e));
    } catch (SdkException e) {
      String detail = operation + " of user " + user.userName() + " (stack " + session.stackName() + "): "
          + e.getMessage();
      LOG.warn("{}", detail);
      return Either.left(new DeploymentError.BackendFailed(NAME, detail));
    }
  }
}
