package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.api.Change;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.IamUserBuilder;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/** LiveDrift reads the user from IAM and compares with StateDiff: the entry point backends share. */
@IamkitEmulator
class LiveDriftIT {

  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

  @FromEmulator IamClient iam;

  @Test
  void noDriftWhenIamMatchesThenOutOfBandAdditionsAndAMissingUser() {
    String name = UniqueNames.user("live-drift");
    AwsIamUser spec = IamUserBuilder.named("live-drift").userName(name)
        .managedPolicy(READ_ONLY).tag("Owner", "team").disableAccessKeys(true).build().get();
    LiveDrift drift = LiveDrift.of(LiveUserReader.of(iam));

    DriftReport absent = drift.drift(spec);
    assertThat(absent.differences()).singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(Difference.Kind.MISSING))
        .satisfies(d -> assertThat(d.resource()).isEqualTo(ResourceKind.USER));

    iam.createUser(r -> r.userName(name).tags(t -> t.key("Owner").value("team")));
    iam.attachUserPolicy(r -> r.userName(name).policyArn(READ_ONLY));
    assertThat(drift.drift(spec).isEmpty()).as(drift.drift(spec).describe()).isTrue();
    assertThat(drift.plan(spec, Option.none()).isEmpty()).isTrue();
    assertThat(drift.live(spec).map(u -> u.userName())).containsExactly(name);

    iam.attachUserPolicy(r -> r.userName(name).policyArn(ADMIN));
    DriftReport oob = drift.drift(spec, Option.none());
    assertThat(oob.differences()).singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(Difference.Kind.OUT_OF_BAND))
        .satisfies(d -> assertThat(d.actual()).containsExactly(ADMIN));
    Plan plan = drift.plan(spec, Option.none());
    assertThat(plan.changes(Change.Action.DELETE)).singleElement()
        .satisfies(c -> assertThat(c.resource()).isEqualTo(ADMIN));
  }
}
