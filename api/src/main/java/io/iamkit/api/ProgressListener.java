package io.iamkit.api;

/** Receives {@link ProgressEvent}s. Called on the thread that runs the operation. */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores every event. */
  ProgressListener NONE = event -> { };

  void onEvent(ProgressEvent event);

  /** Sends each event to this listener, then to {@code next}. */
  default ProgressListener andThen(ProgressListener next) {
    return event -> {
      onEvent(event);
      next.onEvent(event);
    };
  }
}
