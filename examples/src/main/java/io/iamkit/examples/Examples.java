package io.iamkit.examples;

import io.iamkit.api.AwsTarget;
import io.iamkit.api.Deployer;
import io.iamkit.api.DeploymentError;
import io.iamkit.model.Manifests;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What the examples' {@code main} methods do, in one place. These are programs, so they print (the
 * library itself never does):
 * <pre>
 *   java -cp ... io.iamkit.examples.CicdDeployer            # print the manifest (YAML)
 *   java -cp ... io.iamkit.examples.CicdDeployer preview    # or apply, drift, destroy
 * </pre>
 * Operations deploy with backend {@code $IAMKIT_BACKEND} ({@code direct} when unset) to
 * {@link AwsTarget#fromEnvironment()}: {@code AWS_ENDPOINT_URL} (e.g. a local emulator),
 * {@code AWS_REGION} and the default credentials chain. Exit code 0 on success, 1 on failure, 2 on
 * a wrong argument. The secret of a new key is never printed.
 */
public final class Examples {
  private Examples() {}

  static IllegalStateException invalid(Seq<Violation> violations) {
    return new IllegalStateException("example is invalid: " + violations.mkString("; "));
  }

  /** Runs the operation named by {@code args[0]} on {@code user}; returns the exit code. */
  public static int run(AwsIamUser user, String[] args) {
    return run(user, args, System.out, System.getenv());
  }

  static int run(AwsIamUser user, String[] args, PrintStream out, java.util.Map<String, String> env) {
    String operation = args.length == 0 ? "yaml" : args[0].toLowerCase(Locale.ROOT);
    if (operation.equals("yaml")) {
      out.print(Manifests.toYaml(user));
      return 0;
    }
    Deployer deployer = Deployer.builder()
        .backend(env.getOrDefault("IAMKIT_BACKEND", "direct"))
        .target(AwsTarget.fromEnvironment(env))
        .build();
    Either<DeploymentError, String> result = switch (operation) {
      case "preview" -> deployer.preview(user).map(plan -> plan.describe());
      case "apply" -> deployer.apply(user).map(d -> d.applied().describe() + "\nuser ARN: " + d.outputs().getUserArn()
          + (d.secret().isDefined() ? "\na new access key was created; its secret is not printed" : ""));
      case "drift" -> deployer.drift(user).map(report -> report.describe());
      case "destroy" -> deployer.destroy(user).map(report -> report.describe());
      default -> null;
    };
    if (result == null) {
      out.println("unknown operation '" + args[0] + "': use yaml, preview, apply, drift or destroy");
      return 2;
    }
    out.println(result.fold(DeploymentError::message, text -> text));
    return result.isRight() ? 0 : 1;
  }
}
