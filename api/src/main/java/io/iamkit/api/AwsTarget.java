package io.iamkit.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where a backend deploys: region, an optional endpoint override (an emulator, a VPC endpoint) and
 * credentials.
 *
 * @param region           the AWS region; none means the SDK's own region resolution
 * @param endpointOverride an endpoint used for every AWS service instead of the real one
 * @param credentials      how to authenticate
 * @param observers        told about every AWS request sent to this target (tests, audit); usually none
 */
public record AwsTarget(Option<String> region, Option<URI> endpointOverride, AwsCredentials credentials,
    Seq<AwsCallObserver> observers) {
  /** Environment variable read by {@link #fromEnvironment()} for the endpoint. */
  public static final String ENV_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  /** Environment variable read by {@link #fromEnvironment()} for the region. */
  public static final String ENV_REGION = "AWS_REGION";

  public AwsTarget {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpointOverride, "endpointOverride");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(observers, "observers");
    region.forEach(r -> {
      if (r.isBlank()) {
        throw new IllegalArgumentException("region must not be blank");
      }
    });
  }

  /** A target without observers. */
  public AwsTarget(Option<String> region, Option<URI> endpointOverride, AwsCredentials credentials) {
    this(region, endpointOverride, credentials, List.empty());
  }

  /** This target with one more observer. */
  public AwsTarget withObserver(AwsCallObserver observer) {
    return new AwsTarget(region, endpointOverride, credentials,
        observers.append(Objects.requireNonNull(observer, "observer")));
  }

  /** The standard credentials chain, with {@code AWS_REGION} and {@code AWS_ENDPOINT_URL} if set. */
  public static AwsTarget fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** As {@link #fromEnvironment()}, reading the given variables (for tests and embedding). */
  public static AwsTarget fromEnvironment(Map<String, String> env) {
    Option<String> region = Option.of(env.get(ENV_REGION)).map(String::trim).filter(s -> !s.isEmpty());
    Option<URI> endpoint =
        Option.of(env.get(ENV_ENDPOINT_URL)).map(String::trim).filter(s -> !s.isEmpty()).map(URI::create);
    return new AwsTarget(region, endpoint, AwsCredentials.defaultChain());
  }

  public static Builder builder() {
    return new Builder(fromEnvironment());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a target; starts from {@link #fromEnvironment()}. */
  public static final class Builder {
    private Option<String> region;
    private Option<URI> endpointOverride;
    private AwsCredentials credentials;
    private Seq<AwsCallObserver> observers;

    private Builder(AwsTarget from) {
      this.region = from.region;
      this.endpointOverride = from.endpointOverride;
      this.credentials = from.credentials;
      this.observers = from.observers;
    }

    public Builder region(String region) {
      this.region = Option.of(region);
      return this;
    }

    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = Option.of(endpoint);
      return this;
    }

    public Builder endpointOverride(String endpoint) {
      return endpointOverride(endpoint == null ? null : URI.create(endpoint));
    }

    public Builder credentials(AwsCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Adds an observer of every AWS request (see {@link AwsCallObserver}). */
    public Builder observer(AwsCallObserver observer) {
      this.observers = observers.append(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    public AwsTarget build() {
      return new AwsTarget(region, endpointOverride, credentials, observers);
    }
  }
}
