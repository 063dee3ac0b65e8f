package io.iamkit.api;

import java.util.Objects;

/** Progress of an operation, reported to a {@link ProgressListener}. Never contains a secret. */
public sealed interface ProgressEvent {

  /** The IAM user name the event is about. */
  String userName();

  /** Work on one resource began. */
  record ResourceStarted(String userName, ResourceKind kind, String resource, Change.Action action)
      implements ProgressEvent {
    public ResourceStarted {
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(action, "action");
    }
  }

  /** Work on one resource finished. */
  record ResourceFinished(String userName, ResourceKind kind, String resource, Change.Action action)
      implements ProgressEvent {
    public ResourceFinished {
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(action, "action");
    }
  }

  /** Work on one resource failed. */
  record ResourceFailed(String userName, ResourceKind kind, String resource, Change.Action action, String reason)
      implements ProgressEvent {
    public ResourceFailed {
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A message, e.g. a backend's engine output or an operation starting. */
  record Message(String userName, Level level, String text) implements ProgressEvent {
    /** Importance of a message. */
    public enum Level {
      DEBUG,
      INFO,
      WARN
    }

    public Message {
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(text, "text");
    }
  }
}
