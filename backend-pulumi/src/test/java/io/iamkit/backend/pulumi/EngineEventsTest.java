package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.CancelEvent;
import com.pulumi.automation.events.DiagnosticEvent;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.ResourceOperationFailedEvent;
import com.pulumi.automation.events.ResourceOutputsEvent;
import com.pulumi.automation.events.ResourcePreEvent;
import com.pulumi.automation.events.StandardOutputEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.StepEventStateMetadata;
import com.pulumi.automation.events.SummaryEvent;
import io.iamkit.api.Change;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ProgressEvent.Message.Level;
import io.iamkit.api.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineEventsTest {
  static final String USER = "payment-service-prod";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String STACK = "urn:pulumi:payment-service-user::iamkit::";

  private final EngineEvents events = new EngineEvents(USER, Redactor.of(List.of(SECRET, "the-passphrase")));

  static StepEventStateMetadata state(String id, Map<String, Object> inputs) {
    return new StepEventStateMetadata(null, null, true, false, id, null, false, inputs, Map.of(), null, List.of());
  }

  static StepEventMetadata step(OperationType op, String type, String name, StepEventStateMetadata old,
      StepEventStateMetadata neu) {
    return new StepEventMetadata(op, STACK + type + "::" + name, type, old, neu, List.of(), List.of(), Map.of(),
        false, null);
  }

  static EngineEvent pre(StepEventMetadata m) {
    return new EngineEvent(1, 0, null, null, null, null, null, new ResourcePreEvent(m, false), null, null, null);
  }

  static EngineEvent outputs(StepEventMetadata m) {
    return new EngineEvent(2, 0, null, null, null, null, null, null, new ResourceOutputsEvent(m, false), null, null);
  }

  static EngineEvent failed(StepEventMetadata m) {
    return new EngineEvent(3, 0, null, null, null, null, null, null, null,
        new ResourceOperationFailedEvent(m, 2, 1), null);
  }

  static EngineEvent diagnostic(String severity, String message) {
    return new EngineEvent(4, 0, null, null, new DiagnosticEvent(null, null, message, null, severity, null, false),
        null, null, null, null, null, null);
  }

  @Test
  void userCreationStartsAndFinishesNamedByTheUserName() {
    StepEventMetadata m = step(OperationType.CREATE, "aws:iam/user:User", "user", null,
        state(null, Map.of("name", USER, "path", "/")));

    assertThat(events.map(pre(m))).containsExactly(
        new ProgressEvent.ResourceStarted(USER, ResourceKind.USER, USER, Change.Action.CREATE));
    assertThat(events.map(outputs(m))).containsExactly(
        new ProgressEvent.ResourceFinished(USER, ResourceKind.USER, USER, Change.Action.CREATE));
  }

  @Test
  void attachmentIsNamedByItsPolicyArnNotItsLogicalName() {
    String arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    StepEventMetadata m = step(OperationType.DELETE, "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        UserProgram.managedPolicyLogicalName(arn), state("x", Map.of("policyArn", arn, "user", USER)), null);

    assertThat(events.map(pre(m))).containsExactly(
        new ProgressEvent.ResourceStarted(USER, ResourceKind.MANAGED_POLICY_ATTACHMENT, arn, Change.Action.DELETE));
  }

  @Test
  void accessKeyIsNamedByItsIdAndItsSecretInputNeverShows() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("user", USER);
    inputs.put("secret", SECRET);
    StepEventMetadata m = step(OperationType.REPLACE, "aws:iam/accessKey:AccessKey", "access-key",
        state("AKIAOLD", inputs), state("AKIANEW", inputs));

    var mapped = events.map(outputs(m));

    assertThat(mapped).containsExactly(
        new ProgressEvent.ResourceFinished(USER, ResourceKind.ACCESS_KEY, "AKIANEW", Change.Action.REPLACE));
    assertThat(mapped.toString()).doesNotContain(SECRET);
  }

  @Test
  void replacementStepsAreReplacesAndInlinePoliciesAreNamedByPolicyName() {
    StepEventMetadata m = step(OperationType.CREATE_REPLACEMENT, "aws:iam/userPolicy:UserPolicy",
        "inline-policy-Access", null, state(null, Map.of("name", "Access")));

    assertThat(events.map(pre(m))).containsExactly(
        new ProgressEvent.ResourceStarted(USER, ResourceKind.INLINE_POLICY, "Access", Change.Action.REPLACE));
  }

  @Test
  void failedStepBecomesResourceFailed() {
    StepEventMetadata m = step(OperationType.CREATE, "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "managed-policy-x", null, state(null, Map.of("policyArn", "arn:aws:iam::aws:policy/DoesNotExistPolicy")));

    assertThat(events.map(failed(m))).singleElement().isInstanceOfSatisfying(ProgressEvent.ResourceFailed.class,
        f -> {
          assertThat(f.resource()).isEqualTo("arn:aws:iam::aws:policy/DoesNotExistPolicy");
          assertThat(f.action()).isEqualTo(Change.Action.CREATE);
          assertThat(f.reason()).contains("status 2");
        });
  }

  @Test
  void stepsThatChangeNothingAndTheStackAndProviderGiveNoResourceEvent() {
    assertThat(events.map(pre(step(OperationType.SAME, "aws:iam/user:User", "user", null, null)))).isEmpty();
    assertThat(events.map(pre(step(OperationType.REFRESH, "aws:iam/user:User", "user", null, null)))).isEmpty();
    assertThat(events.map(pre(step(OperationType.READ, "aws:iam/user:User", "user", null, null)))).isEmpty();
    assertThat(events.map(pre(step(OperationType.CREATE, "pulumi:pulumi:Stack", "iamkit-x", null, null)))).isEmpty();
    assertThat(events.map(pre(step(OperationType.CREATE, "pulumi:providers:aws", "aws-target", null, null)))).isEmpty();
  }

  @Test
  void unknownResourceTypesAreOtherAndFallBackToTheLogicalName() {
    StepEventMetadata m = step(OperationType.UPDATE, "aws:iam/loginProfile:LoginProfile", "lp", null, null);

    assertThat(events.map(pre(m))).containsExactly(
        new ProgressEvent.ResourceStarted(USER, ResourceKind.OTHER, "lp", Change.Action.UPDATE));
  }

  @Test
  void diagnosticsBecomeMessagesBySeverityWithoutColourCodesOrSecrets() {
    assertThat(events.map(diagnostic("error", "\u001B[31mcreating IAM User: AccessDenied with " + SECRET + "\u001B[0m\n")))
        .containsExactly(new ProgressEvent.Message(USER, Level.WARN,
            "pulumi error: creating IAM User: AccessDenied with [secret]"));
    assertThat(events.map(diagnostic("warning", "deprecated"))).containsExactly(
        new ProgressEvent.Message(USER, Level.WARN, "pulumi: deprecated"));
    assertThat(events.map(diagnostic("info", "hello"))).containsExactly(
        new ProgressEvent.Message(USER, Level.INFO, "pulumi: hello"));
    assertThat(events.map(diagnostic("debug", "detail"))).containsExactly(
        new ProgressEvent.Message(USER, Level.DEBUG, "pulumi: detail"));
    assertThat(events.map(diagnostic("info", "  \n"))).isEmpty();
  }

  @Test
  void base64FormOfASecretIsRedactedToo() {
    String b64 = java.util.Base64.getEncoder().encodeToString(SECRET.getBytes());
    assertThat(events.map(diagnostic("info", "value " + b64)))
        .containsExactly(new ProgressEvent.Message(USER, Level.INFO, "pulumi: value [secret]"));
  }

  @Test
  void summaryCountsChangesAndCancelWarns() {
    Map<OperationType, Integer> changes = new LinkedHashMap<>();
    changes.put(OperationType.SAME, 2);
    changes.put(OperationType.CREATE, 3);
    EngineEvent summary = new EngineEvent(9, 0, null, null, null, null,
        new SummaryEvent(false, 4, changes, Map.of()), null, null, null, null);

    assertThat(events.map(summary)).containsExactly(
        new ProgressEvent.Message(USER, Level.INFO, "pulumi: resources same 2, create 3 (4 s)"));
    assertThat(events.map(new EngineEvent(10, 0, new CancelEvent(), null, null, null, null, null, null, null, null)))
        .containsExactly(new ProgressEvent.Message(USER, Level.WARN, "pulumi: the operation was cancelled"));
    assertThat(events.map(new EngineEvent(11, 0, null, new StandardOutputEvent("Updating (x)", null), null, null,
        null, null, null, null, null))).containsExactly(new ProgressEvent.Message(USER, Level.DEBUG, "pulumi: Updating (x)"));
  }

  @Test
  void anEmptyEventGivesNothing() {
    assertThat(events.map(new EngineEvent(0, 0, null, null, null, null, null, null, null, null, null))).isEmpty();
  }
}
