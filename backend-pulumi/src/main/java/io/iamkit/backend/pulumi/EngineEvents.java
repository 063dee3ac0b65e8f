package io.iamkit.backend.pulumi;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.DiagnosticEvent;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.StepEventStateMetadata;
import io.iamkit.api.Change;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ProgressEvent.Message.Level;
import io.iamkit.api.ResourceKind;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the Pulumi engine's events into {@link ProgressEvent}s for one user.
 *
 * <p>A resource step that changes something becomes {@code ResourceStarted} (pre event),
 * {@code ResourceFinished} (outputs event) or {@code ResourceFailed}; steps that change nothing
 * ({@code same}, reads and refresh reads) and the stack and provider resources produce no resource
 * event. Diagnostics and the summary become messages. The resource named in an event is taken only
 * from inputs that are never secret (user name, policy ARN, inline policy name, secret name) or the
 * resource id (an access key id); every text that leaves passes through the {@link Redactor}.
 */
final class EngineEvents {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]|<\\{%[a-z]*%}>");

  private final String userName;
  private final Redactor redactor;

  EngineEvents(String userName, Redactor redactor) {
    this.userName = Objects.requireNonNull(userName, "userName");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /** The progress event for one engine event, if it is worth one. */
  Option<ProgressEvent> map(EngineEvent event) {
    if (event.resourcePreEvent() != null) {
      return step(event.resourcePreEvent().metadata()).map(s ->
          new ProgressEvent.ResourceStarted(userName, s.kind, s.resource, s.action));
    }
    if (event.resourceOutputsEvent() != null) {
      return step(event.resourceOutputsEvent().metadata()).map(s ->
          new ProgressEvent.ResourceFinished(userName, s.kind, s.resource, s.action));
    }
    if (event.resourceOperationFailedEvent() != null) {
      int status = event.resourceOperationFailedEvent().status();
      return step(event.resourceOperationFailedEvent().metadata()).map(s ->
          new ProgressEvent.ResourceFailed(userName, s.kind, s.resource, s.action,
              "the engine reported the step failed (status " + status + "); see the diagnostics"));
    }
    if (event.diagnosticEvent() != null) {
      return diagnostic(event.diagnosticEvent());
    }
    if (event.summaryEvent() != null) {
      Map<OperationType, Integer> changes = event.summaryEvent().resourceChanges();
      String counts = changes == null || changes.isEmpty() ? "nothing"
          : new TreeMap<>(changes).entrySet().stream()
              .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
              .collect(Collectors.joining(", "));
      return Option.of(new ProgressEvent.Message(userName, Level.INFO,
          "pulumi: resources " + counts + " (" + event.summaryEvent().durationSeconds() + " s)"));
    }
    if (event.cancelEvent() != null) {
      return Option.of(new ProgressEvent.Message(userName, Level.WARN, "pulumi: the operation was cancelled"));
    }
    if (event.standardOutputEvent() != null && event.standardOutputEvent().message() != null) {
      String text = clean(event.standardOutputEvent().message());
      return text.isEmpty() ? Option.none()
          : Option.of(new ProgressEvent.Message(userName, Level.DEBUG, "pulumi: " + text));
    }
    return Option.none();
  }

  private Option<ProgressEvent> diagnostic(DiagnosticEvent diagnostic) {
    String text = diagnostic.message() == null ? "" : clean(diagnostic.message());
    if (text.isEmpty()) {
      return Option.none();
    }
    String severity = diagnostic.severity() == null ? "" : diagnostic.severity().toLowerCase(Locale.ROOT);
    Level level = switch (severity) {
      case "error", "warning" -> Level.WARN;
      case "info", "info#err" -> Level.INFO;
      default -> Level.DEBUG;
    };
    String prefix = severity.startsWith("error") ? "pulumi error: " : "pulumi: ";
    return Option.of(new ProgressEvent.Message(userName, level, prefix + text));
  }

  private String clean(String text) {
    return redactor.redact(ANSI.matcher(text).replaceAll("")).strip();
  }

  private record Step(ResourceKind kind, String resource, Change.Action action) { }

  private Option<Step> step(StepEventMetadata metadata) {
    if (metadata == null || metadata.op() == null || metadata.type() == null) {
      return Option.none();
    }
    Option<Change.Action> action = action(metadata.op());
    Option<ResourceKind> kind = kind(metadata.type());
    if (action.isEmpty() || kind.isEmpty()) {
      return Option.none();
    }
    return Option.of(new Step(kind.get(), redactor.redact(resource(kind.get(), metadata)), action.get()));
  }

  /** The SPI action of an engine step; none for steps that change nothing in AWS. */
  static Option<Change.Action> action(OperationType op) {
    return switch (op) {
      case CREATE, IMPORT -> Option.of(Change.Action.CREATE);
      case UPDATE -> Option.of(Change.Action.UPDATE);
      case DELETE -> Option.of(Change.Action.DELETE);
      case REPLACE, CREATE_REPLACEMENT, DELETE_REPLACED, IMPORT_REPLACEMENT -> Option.of(Change.Action.REPLACE);
      default -> Option.none();
    };
  }

  /** The kind of a Pulumi resource type of the program; none for the stack and the provider. */
  static Option<ResourceKind> kind(String type) {
    return switch (type) {
      case "aws:iam/user:User" -> Option.of(ResourceKind.USER);
      case "aws:iam/userPolicyAttachment:UserPolicyAttachment",
          "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive" ->
          Option.of(ResourceKind.MANAGED_POLICY_ATTACHMENT);
      case "aws:iam/userPolicy:UserPolicy", "aws:iam/userPoliciesExclusive:UserPoliciesExclusive" ->
          Option.of(ResourceKind.INLINE_POLICY);
      case "aws:iam/accessKey:AccessKey" -> Option.of(ResourceKind.ACCESS_KEY);
      case "aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretVersion:SecretVersion" ->
          Option.of(ResourceKind.SECRET);
      default -> type.startsWith("pulumi:") ? Option.none() : Option.of(ResourceKind.OTHER);
    };
  }

  /** A name for the resource from non-secret inputs or its id, else its logical name. */
  private static String resource(ResourceKind kind, StepEventMetadata metadata) {
    String type = metadata.type();
    String input = switch (type) {
      case "aws:iam/user:User", "aws:iam/userPolicy:UserPolicy", "aws:secretsmanager/secret:Secret" -> "name";
      case "aws:iam/userPolicyAttachment:UserPolicyAttachment" -> "policyArn";
      default -> null;
    };
    if (input != null) {
      Option<String> value = input(metadata.new_(), input).orElse(() -> input(metadata.old(), input));
      if (value.isDefined()) {
        return value.get();
      }
    }
    if (kind == ResourceKind.ACCESS_KEY) {
      Option<String> id = id(metadata.new_()).orElse(() -> id(metadata.old()));
      if (id.isDefined()) {
        return id.get();
      }
    }
    return logicalName(metadata.urn());
  }

  private static Option<String> input(StepEventStateMetadata state, String key) {
    if (state == null || state.inputs() == null) {
      return Option.none();
    }
    Object value = state.inputs().get(key);
    return value instanceof String s && !s.isEmpty() ? Option.of(s) : Option.none();
  }

  private static Option<String> id(StepEventStateMetadata state) {
    return state == null ? Option.none() : Option.of(state.id()).filter(i -> !i.isEmpty());
  }

  /** The last part of a URN ({@code urn:pulumi:stack::project::type::name}). */
  static String logicalName(String urn) {
    if (urn == null) {
      return "(unnamed)";
    }
    int at = urn.lastIndexOf("::");
    return at < 0 ? urn : urn.substring(at + 2);
  }
}
