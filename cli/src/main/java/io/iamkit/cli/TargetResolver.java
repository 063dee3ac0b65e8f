package io.iamkit.cli;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.Secret;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Decides where a command deploys. Nothing reaches a real account by surprise:
 * <ul>
 *   <li>{@code --local}: the emulator recorded by {@code local start}; static credentials {@code test}/{@code test}.</li>
 *   <li>{@code --endpoint URL} (or {@code AWS_ENDPOINT_URL}): that endpoint; credentials from the standard
 *       chain when its local sources (system properties, environment, profile files) have some, else
 *       {@code test}/{@code test}; region default {@code us-east-1}.</li>
 *   <li>neither: AWS itself with the standard chain; refused, with what to do instead, when the chain has
 *       no credentials or no region is known.</li>
 * </ul>
 */
final class TargetResolver {
  static final String EMULATOR_REGION = LocalEmulators.REGION;
  static final String EMULATOR_KEY = "test";

  private TargetResolver() {}

  /** The target, or a message for the user (a usage error, exit code 2). */
  static Either<String, ResolvedTarget> resolve(TargetOptions options, CliContext ctx) {
    Optional<String> endpointOption = Optional.ofNullable(options.endpoint).map(String::trim).filter(s -> !s.isEmpty());
    if (options.local && endpointOption.isPresent()) {
      return Either.left("--local and --endpoint both name a target; give one");
    }
    if (options.local) {
      return local(options, ctx);
    }
    Optional<String> endpoint = endpointOption.or(() -> ctx.env(AwsTarget.ENV_ENDPOINT_URL));
    if (endpoint.isPresent()) {
      return endpoint(endpoint.get(), endpointOption.isPresent() ? "--endpoint" : AwsTarget.ENV_ENDPOINT_URL, options, ctx);
    }
    return aws(options, ctx);
  }

  private static Either<String, ResolvedTarget> local(TargetOptions options, CliContext ctx) {
    Optional<LocalState> state;
    try {
      state = LocalState.read(ctx.stateDir());
    } catch (IOException e) {
      return Either.left("--local: " + e.getMessage());
    }
    if (state.isEmpty()) {
      return Either.left("--local: no local emulator is running (none recorded in " + ctx.stateDir()
          + "). Start one with: iamkit local start");
    }
    LocalState s = state.get();
    if (!s.isRunning()) {
      return Either.left("--local: the " + s.emulator() + " recorded in " + ctx.stateDir() + " (pid " + s.pid()
          + ") is no longer running. Start a new one with: iamkit local start");
    }
    String region = Optional.ofNullable(options.region).orElse(s.region());
    return Either.right(new ResolvedTarget(
        target(region, URI.create(s.endpoint()), emulatorCredentials()),
        Optional.of(s.endpoint()), region, "static test/test", Optional.of(s.emulator())));
  }

  private static Either<String, ResolvedTarget> endpoint(String raw, String from, TargetOptions options, CliContext ctx) {
    URI uri;
    try {
      uri = URI.create(raw);
    } catch (IllegalArgumentException e) {
      return Either.left(from + " '" + raw + "' is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      return Either.left(from + " '" + raw + "' is not an http(s) URL with a host, e.g. http://127.0.0.1:4566");
    }
    String region = Optional.ofNullable(options.region).or(() -> envRegion(ctx)).orElse(EMULATOR_REGION);
    Optional<String> chain = ctx.aws().credentialsSource(true);
    AwsCredentials credentials = chain.isPresent() ? AwsCredentials.defaultChain() : emulatorCredentials();
    String described = chain.map(c -> "from the standard chain (" + c + ")").orElse("static test/test");
    return Either.right(new ResolvedTarget(target(region, uri, credentials), Optional.of(uri.toString()), region,
        described, Optional.empty()));
  }

  private static Either<String, ResolvedTarget> aws(TargetOptions options, CliContext ctx) {
    Optional<String> chain = ctx.aws().credentialsSource(false);
    if (chain.isEmpty()) {
      return Either.left(String.join("\n",
          "no AWS target: no --local, no --endpoint, and no AWS credentials in the standard chain",
          "(environment variables, ~/.aws profiles, container or instance role). Nothing was sent anywhere.",
          "  Try it locally:              iamkit local start   then add --local to this command",
          "  Use a running emulator:      --endpoint http://127.0.0.1:4566",
          "  Deploy to an AWS account:    configure credentials (aws configure, AWS_PROFILE, or",
          "                               AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and run again"));
    }
    Optional<String> region = Optional.ofNullable(options.region).or(() -> envRegion(ctx)).or(() -> ctx.aws().region());
    if (region.isEmpty()) {
      return Either.left("no AWS region: pass --region (e.g. --region us-east-1) or set AWS_REGION");
    }
    return Either.right(new ResolvedTarget(
        new AwsTarget(Option.of(region.get()), Option.none(), AwsCredentials.defaultChain()),
        Optional.empty(), region.get(), "from the standard chain (" + chain.get() + ")", Optional.empty()));
  }

  private static Optional<String> envRegion(CliContext ctx) {
    return ctx.env(AwsTarget.ENV_REGION).or(() -> ctx.env("AWS_DEFAULT_REGION"));
  }

  private static AwsCredentials emulatorCredentials() {
    return AwsCredentials.of(EMULATOR_KEY, Secret.of(EMULATOR_KEY));
  }

  private static AwsTarget target(String region, URI endpoint, AwsCredentials credentials) {
    return new AwsTarget(Option.of(region), Option.of(endpoint), credentials);
  }
}
