package io.iamkit.backend.cloudformation;

import io.iamkit.api.Change;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * The stack's events as {@link ProgressEvent}s, streamed while the backend waits: every poll asks
 * {@code DescribeStackEvents} (newest first) for what is new since the last one and reports it
 * oldest first. Resource events become {@code ResourceStarted/Finished/Failed} (kind and name in
 * iamkit's terms, see {@link Naming}), stack events become messages. moto reports stack events
 * only, so there progress carries no resource detail.
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final String STACK_TYPE = "AWS::CloudFormation::Stack";

  private final Session session;
  private final String stackId;
  private final Naming naming;
  private final boolean report;
  private final Set<String> seen = new HashSet<>();
  private final List<StackEvent> fresh = new ArrayList<>();

  EventStream(Session session, String stackId, Naming naming) {
    this(session, stackId, naming, true);
  }

  private EventStream(Session session, String stackId, Naming naming, boolean report) {
    this.session = session;
    this.stackId = stackId;
    this.naming = naming;
    this.report = report;
  }

  /** A stream that tracks events without reporting them (clean-up a user did not ask to watch). */
  static EventStream quiet(Session session, String stackId) {
    return new EventStream(session, stackId, new Naming(Option.none(), Option.none()), false);
  }

  /** Marks every event the stack has now as already reported. */
  void skipExisting() {
    for (StackEvent e : newestFirstUntilSeen()) {
      seen.add(e.eventId());
    }
  }

  /** Reports the events that arrived since the last call. */
  void poll() {
    List<StackEvent> batch = newestFirstUntilSeen();
    Collections.reverse(batch);
    for (StackEvent e : batch) {
      if (seen.add(e.eventId())) {
        fresh.add(e);
        if (report) {
          report(e);
        }
      }
    }
  }

  /** The events reported by this stream, oldest first. */
  List<StackEvent> events() {
    return List.copyOf(fresh);
  }

  /**
   * The root cause of a failed operation: the first resource event of this stream that failed with
   * a reason (later ones are usually "Resource creation cancelled"), else the first failed event.
   */
  Option<StackEvent> firstFailure() {
    Option<StackEvent> withReason = Option.ofOptional(fresh.stream()
        .filter(e -> failed(e) && !isStack(e) && e.resourceStatusReason() != null
            && !e.resourceStatusReason().toLowerCase(java.util.Locale.ROOT).contains("cancelled"))
        .findFirst());
    return withReason.orElse(() -> Option.ofOptional(fresh.stream().filter(EventStream::failed).findFirst()));
  }

  static boolean failed(StackEvent e) {
    return e.resourceStatusAsString() != null && e.resourceStatusAsString().endsWith("_FAILED");
  }

  boolean isStack(StackEvent e) {
    return STACK_TYPE.equals(e.resourceType());
  }

  /** {@code User (AWS::IAM::User)}: kind and name of an event's resource, for messages. */
  String describe(StackEvent e) {
    ResourceKind kind = Naming.kind(e.logicalResourceId(), e.resourceType());
    return kind + " " + naming.name(e.logicalResourceId(), e.resourceType(), e.physicalResourceId())
        + " (logical id " + e.logicalResourceId() + " in stack " + session.stackName() + ")";
  }

  private void report(StackEvent e) {
    String status = e.resourceStatusAsString();
    String reason = e.resourceStatusReason();
    LOG.debug("stack event {} {} {} {}", e.logicalResourceId(), e.resourceType(), status, reason);
    if (isStack(e)) {
      boolean bad = status.contains("FAILED") || status.contains("ROLLBACK");
      session.emit(new ProgressEvent.Message(session.userName(),
          bad ? ProgressEvent.Message.Level.WARN : ProgressEvent.Message.Level.INFO,
          "stack " + session.stackName() + ": " + status + (reason == null ? "" : " (" + reason + ")")));
      return;
    }
    ResourceKind kind = Naming.kind(e.logicalResourceId(), e.resourceType());
    String name = naming.name(e.logicalResourceId(), e.resourceType(), e.physicalResourceId());
    Change.Action action = status.startsWith("DELETE") ? Change.Action.DELETE
        : status.startsWith("CREATE") ? Change.Action.CREATE : Change.Action.UPDATE;
    String user = session.userName();
    if (status.endsWith("_IN_PROGRESS")) {
      session.emit(new ProgressEvent.ResourceStarted(user, kind, name, action));
    } else if (status.endsWith("_FAILED")) {
      session.emit(new ProgressEvent.ResourceFailed(user, kind, name, action, reason == null ? status : reason));
    } else {
      session.emit(new ProgressEvent.ResourceFinished(user, kind, name, action));
    }
  }

  private List<StackEvent> newestFirstUntilSeen() {
    List<StackEvent> out = new ArrayList<>();
    try {
      for (StackEvent e : session.clients.cfn().describeStackEventsPaginator(r -> r.stackName(stackId)).stackEvents()) {
        if (seen.contains(e.eventId())) {
          break;
        }
        out.add(e);
      }
    } catch (CloudFormationException e) {
      if (!Stacks.isMissing(e)) {
        throw e;
      }
      LOG.debug("no events for stack {}: it no longer exists", stackId);
    }
    return out;
  }
}
