package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.StackNotFoundException;
import io.iamkit.api.DeploymentError;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {
  static final String STACK = "payment-service-user";
  static final String USER = "payment-service-prod";
  static final String PASSPHRASE = "correct horse battery staple";

  private static DeploymentError map(AutomationException e) {
    return EngineErrors.map(e, STACK, USER, Redactor.of(List.of(PASSPHRASE)));
  }

  private static CommandException failedWith(String stderr) {
    return new CommandException(new CommandResult(255, "Updating (payment-service-user)\n", stderr));
  }

  @Test
  void C06_anUnknownManagedPolicyIsRejectedByAwsNamingTheArn() {
    DeploymentError error = map(failedWith("""
        error: update failed
          aws:iam:UserPolicyAttachment (managed-policy-DoesNotExistPolicy-1a2b3c4d):
            error: sdk-v2/provider2.go:572: attaching IAM Policy (arn:aws:iam::aws:policy/DoesNotExistPolicy) \
        to IAM User (svc): operation error IAM: AttachUserPolicy, https response error StatusCode: 404, \
        RequestID: 2f1c, NoSuchEntity: Policy arn:aws:iam::aws:policy/DoesNotExistPolicy does not exist or is not attachable.
        """));

    assertThat(error).isInstanceOfSatisfying(DeploymentError.RejectedByAws.class, r -> {
      assertThat(r.code()).isEqualTo("NoSuchEntity");
      assertThat(r.resource()).isEqualTo("arn:aws:iam::aws:policy/DoesNotExistPolicy");
      assertThat(r.detail()).contains("does not exist");
    });
  }

  @Test
  void aTakenUserNameIsAConflict() {
    DeploymentError error = map(failedWith("creating IAM User (svc): operation error IAM: CreateUser, https "
        + "response error StatusCode: 409, RequestID: abc, EntityAlreadyExists: User with name svc already exists."));

    assertThat(error).isInstanceOfSatisfying(DeploymentError.Conflict.class, c -> {
      assertThat(c.resource()).isEqualTo(USER);
      assertThat(c.detail()).contains("already exists");
    });
  }

  @Test
  void apiErrorFormIsRecognisedAndWithoutAnArnTheUserIsNamed() {
    DeploymentError error = map(failedWith("operation error IAM: TagUser, api error AccessDenied: not allowed"));

    assertThat(error).isEqualTo(new DeploymentError.RejectedByAws("AccessDenied", USER, "not allowed"));
  }

  @Test
  void aHeldLockIsAConflictOnTheStack() {
    DeploymentError error = map(new ConcurrentUpdateException(new CommandResult(255, "",
        "error: the stack is currently locked by 1 lock(s)")));

    assertThat(error).isInstanceOfSatisfying(DeploymentError.Conflict.class,
        c -> assertThat(c.resource()).isEqualTo("pulumi stack " + STACK));
  }

  @Test
  void aWrongPassphraseSaysSoAndNeverShowsIt() {
    DeploymentError error = map(failedWith("error: getting secrets manager: incorrect passphrase (" + PASSPHRASE + ")"));

    assertThat(error).isInstanceOf(DeploymentError.BackendUnavailable.class);
    assertThat(error.message()).contains("passphrase does not decrypt").doesNotContain(PASSPHRASE);
  }

  @Test
  void aMissingProviderPluginSaysHowToInstallIt() {
    DeploymentError error = map(failedWith("error: no resource plugin 'pulumi-resource-aws' found in the workspace"));

    assertThat(error).isInstanceOf(DeploymentError.BackendUnavailable.class);
    assertThat(error.message()).contains("pulumi plugin install resource aws v" + PulumiWorkspace.awsPluginVersion());
  }

  @Test
  void anythingElseIsBackendFailedWithTheEndOfTheOutputRedacted() {
    DeploymentError error = map(failedWith("line 1\nline 2\n\nerror: something broke near " + PASSPHRASE + "\n"));

    assertThat(error).isInstanceOfSatisfying(DeploymentError.BackendFailed.class, f -> {
      assertThat(f.backend()).isEqualTo("pulumi");
      assertThat(f.detail()).contains("something broke near [secret]").doesNotContain(PASSPHRASE);
    });
  }

  @Test
  void aVeryLongOutputIsCapped() {
    DeploymentError error = map(failedWith("x".repeat(10_000)));

    assertThat(((DeploymentError.BackendFailed) error).detail()).hasSizeLessThanOrEqualTo(EngineErrors.MAX_DETAIL + 3);
  }

  @Test
  void aMissingStackAndAnApiErrorAreBackendFailures() {
    assertThat(map(new StackNotFoundException(new CommandResult(255, "", "no stack named 'x' found"))))
        .isEqualTo(new DeploymentError.BackendFailed("pulumi", "stack " + STACK + " does not exist"));
    assertThat(map(new AutomationException("Failed to get Pulumi version")))
        .isEqualTo(new DeploymentError.BackendFailed("pulumi", "Failed to get Pulumi version"));
  }

  @Test
  void lastLinesSkipsBlankLines() {
    assertThat(EngineErrors.lastLines("a\n\nb\n  \nc\n", 2)).isEqualTo("b\nc");
  }
}
