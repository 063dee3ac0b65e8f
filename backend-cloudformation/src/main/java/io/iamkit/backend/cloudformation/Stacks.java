package io.iamkit.backend.cloudformation;

import io.iamkit.api.DeploymentError;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * The CloudFormation calls of one operation. Rules that hold everywhere, because the emulators
 * differ from AWS exactly here (see {@code EMULATOR-NOTES.md}):
 * <ul>
 *   <li>CREATE or UPDATE is decided from {@code DescribeStacks}, never by trial, and every change
 *       set states its {@code ChangeSetType} (moto defaults to CREATE and makes a second stack);
 *   <li>change sets are addressed by the ARN {@code CreateChangeSet} returned, never by name;
 *   <li>{@code CAPABILITY_NAMED_IAM} is always sent;
 *   <li>a FAILED change set is never executed;
 *   <li>stack status is polled until the stack is at rest, even where the emulator is synchronous;
 *       every wait is bounded by the operation's {@link Deadline}.
 * </ul>
 */
final class Stacks {
  private static final Logger LOG = LoggerFactory.getLogger(Stacks.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(3);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Session session;

  Stacks(Session session) {
    this.session = session;
  }

  private CloudFormationClient cfn() {
    return session.clients.cfn();
  }

  /** Whether CloudFormation answered that a stack or change set does not exist. */
  static boolean isMissing(AwsServiceException e) {
    String message = Session.errorMessage(e).toLowerCase(Locale.ROOT);
    return "ChangeSetNotFound".equals(Session.errorCode(e))
        || ("ValidationError".equals(Session.errorCode(e)) && message.contains("does not exist"));
  }

  /** The live stack of this user (by name), none when there is none. */
  Option<Stack> find() {
    return describe(session.stackName()).filter(st -> StackState.of(st) != StackState.ABSENT);
  }

  /** The stack with this name or id, as {@code DescribeStacks} has it (deleted stacks by id too). */
  Option<Stack> describe(String nameOrId) {
    try {
      List<Stack> stacks = cfn().describeStacks(r -> r.stackName(nameOrId)).stacks();
      return Option.ofOptional(stacks.stream().filter(st -> StackState.of(st) != StackState.ABSENT).findFirst())
          .orElse(() -> Option.ofOptional(stacks.stream().findFirst()));
    } catch (CloudFormationException e) {
      if (isMissing(e)) {
        return Option.none();
      }
      throw new StepFailed(session.rejected("DescribeStacks", "stack " + nameOrId, e));
    }
  }

  /** The stack's resources by logical id (entries without one, like moto's skipped secret, left out). */
  Map<String, StackResourceSummary> resources(String stackId) {
    Map<String, StackResourceSummary> out = new LinkedHashMap<>();
    session.read("ListStackResources", "stack " + session.stackName(), () -> {
      for (StackResourceSummary r : cfn().listStackResourcesPaginator(b -> b.stackName(stackId)).stackResourceSummaries()) {
        if (r.logicalResourceId() != null && !r.logicalResourceId().isEmpty()) {
          out.put(r.logicalResourceId(), r);
        }
      }
      return null;
    });
    return out;
  }

  /** What the deployed stack's template declares. */
  Declared template(String stackId) {
    String body = session.read("GetTemplate", "stack " + session.stackName(),
        () -> cfn().getTemplate(r -> r.stackName(stackId).templateStage(TemplateStage.ORIGINAL)).templateBody());
    try {
      return Declared.parse(body);
    } catch (IllegalArgumentException e) {
      throw new StepFailed(new DeploymentError.Conflict("stack " + session.stackName(),
          "exists but was not made by iamkit's cloudformation backend (" + e.getMessage() + "); iamkit "
              + "does not change a stack it did not make"));
    }
  }

  /**
   * Creates a change set of the given type and waits until CloudFormation has settled it
   * ({@code CREATE_COMPLETE} or {@code FAILED}), reading every page of its changes.
   */
  ChangeSet createChangeSet(ChangeSetType type, String templateBody, String purpose) {
    String name = "iamkit-" + purpose + "-" + System.currentTimeMillis() + "-"
        + HexFormat.of().toHexDigits((short) RANDOM.nextInt());
    CreateChangeSetResponse created;
    try {
      created = cfn().createChangeSet(r -> r.stackName(session.stackName()).changeSetName(name)
          .changeSetType(type).templateBody(templateBody)
          .capabilities(Capability.CAPABILITY_NAMED_IAM)
          .description("iamkit " + purpose + " of IAM user " + session.userName()));
    } catch (CloudFormationException e) {
      if (ChangeSet.isNoChangeReason(Session.errorMessage(e))) {
        String stackId = find().map(Stack::stackId).getOrElse(session.stackName());
        return new ChangeSet(Option.none(), stackId, type, "FAILED", Session.errorMessage(e), List.of());
      }
      throw new StepFailed(session.rejected("CreateChangeSet", "stack " + session.stackName(), e));
    }
    LOG.info("change set {} ({}) for stack {}", created.id(), type, session.stackName());
    Duration pause = FIRST_PAUSE;
    while (true) {
      DescribeChangeSetResponse first = describeChangeSet(created.id(), null);
      String status = first.statusAsString();
      if ("CREATE_COMPLETE".equals(status) || "FAILED".equals(status)) {
        List<Change> changes = new ArrayList<>(first.changes());
        String token = first.nextToken();
        while (token != null && !token.isEmpty()) {
          DescribeChangeSetResponse page = describeChangeSet(created.id(), token);
          changes.addAll(page.changes());
          token = page.nextToken();
        }
        return new ChangeSet(Option.of(created.id()), created.stackId(), type, status,
            first.statusReason() == null ? "" : first.statusReason(), changes);
      }
      session.deadline.pause(pause, "change set for stack " + session.stackName() + " (" + status + ")");
      pause = longer(pause);
    }
  }

  private DescribeChangeSetResponse describeChangeSet(String arn, String token) {
    return session.read("DescribeChangeSet", "change set " + arn,
        () -> cfn().describeChangeSet(r -> r.changeSetName(arn).nextToken(token)));
  }

  /** Deletes a change set (by ARN); an already deleted one is fine. */
  void deleteChangeSet(ChangeSet changeSet) {
    changeSet.arn().forEach(arn -> {
      try {
        cfn().deleteChangeSet(r -> r.changeSetName(arn));
        LOG.info("deleted change set {}", arn);
      } catch (CloudFormationException e) {
        if (!isMissing(e)) {
          throw new StepFailed(session.rejected("DeleteChangeSet", "change set " + arn, e));
        }
      }
    });
  }

  /**
   * Executes a change set that holds changes and waits until the stack is at rest, streaming its
   * events. The stack as it ended, whatever its status; a failure CloudFormation reports at once
   * (moto does) is thrown as {@link StepFailed} with the service's error.
   */
  Stack execute(ChangeSet changeSet, EventStream events, String summary) {
    if (changeSet.failed() || changeSet.empty() || changeSet.arn().isEmpty()) {
      throw new IllegalStateException("only a change set that holds changes is executed: " + changeSet.status());
    }
    events.skipExisting();
    try {
      cfn().executeChangeSet(r -> r.changeSetName(changeSet.arn().get()));
    } catch (AwsServiceException e) {
      events.poll();
      throw new StepFailed(new DeploymentError.RejectedByAws(Session.errorCode(e),
          "stack " + session.stackName() + " (ExecuteChangeSet of " + summary + ", user " + session.userName() + ")",
          Session.errorMessage(e)));
    }
    return awaitRest(changeSet.stackId(), events, true);
  }

  /**
   * Polls the stack until it is at rest. With {@code starting}, {@code REVIEW_IN_PROGRESS} counts as
   * not yet started (a CREATE change set that was just executed). None if the stack vanished.
   */
  Option<Stack> awaitRestOrGone(String stackId, EventStream events, boolean starting) {
    Duration pause = FIRST_PAUSE;
    while (true) {
      events.poll();
      Option<Stack> now = describe(stackId);
      if (now.isEmpty()) {
        return now;
      }
      String status = now.get().stackStatusAsString();
      boolean moving = StackState.of(now.get()) == StackState.BUSY
          || (starting && "REVIEW_IN_PROGRESS".equals(status));
      if (!moving) {
        events.poll();
        return now;
      }
      session.deadline.pause(pause, "stack " + session.stackName() + " (still " + status + ")");
      pause = longer(pause);
    }
  }

  Stack awaitRest(String stackId, EventStream events, boolean starting) {
    return awaitRestOrGone(stackId, events, starting).getOrElseThrow(() -> new StepFailed(
        new DeploymentError.BackendFailed(CloudFormationBackend.NAME,
            "stack " + session.stackName() + " (" + stackId + ") vanished while the backend waited for it")));
  }

  /**
   * Deletes the stack and waits until the deletion has ended. The stack as it ended
   * ({@code DELETE_COMPLETE}, {@code DELETE_FAILED}), none if it vanished (moto drops the record of
   * a stack whose deletion failed).
   */
  Option<Stack> delete(String stackId, EventStream events) {
    events.skipExisting();
    try {
      cfn().deleteStack(r -> r.stackName(stackId));
    } catch (AwsServiceException e) {
      events.poll();
      throw new StepFailed(new DeploymentError.RejectedByAws(Session.errorCode(e),
          "stack " + session.stackName() + " (DeleteStack, user " + session.userName() + ")", Session.errorMessage(e)));
    }
    return awaitRestOrGone(stackId, events, false);
  }

  private static Duration longer(Duration pause) {
    Duration next = pause.multipliedBy(3).dividedBy(2);
    return next.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next;
  }
}
