package io.iamkit.live;

import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.state.LiveUser;
import io.iamkit.api.state.StateDiff;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The drift entry point every backend shares: read the user named by the spec from IAM with
 * {@link LiveUserReader}, then compare with {@link StateDiff}. Reading is the only AWS access; the
 * comparison is the api's pure one, so all backends report drift and plans the same way.
 */
public final class LiveDrift {

  private final LiveUserReader reader;

  private LiveDrift(LiveUserReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  public static LiveDrift of(LiveUserReader reader) {
    return new LiveDrift(reader);
  }

  /** The user as IAM has it now (by the spec's {@code userName}); none when absent. */
  public Option<LiveUser> live(AwsIamUser spec) {
    return reader.read(Objects.requireNonNull(spec, "spec").getSpec().getUserName());
  }

  /** Drift when the deployment's own key is not known (the oldest key counts as own). */
  public DriftReport drift(AwsIamUser spec) {
    return drift(spec, Option.none());
  }

  /** Every difference between the spec and IAM now; {@code ownKeyId} names the deployment's key. */
  public DriftReport drift(AwsIamUser spec, Option<String> ownKeyId) {
    return StateDiff.drift(spec, live(spec), ownKeyId);
  }

  /** What an apply would change, read from IAM now. */
  public Plan plan(AwsIamUser spec, Option<String> ownKeyId) {
    return StateDiff.plan(spec, live(spec), ownKeyId);
  }
}
