package io.iamkit.backend.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.events.EngineEvent;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ProgressListener;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one engine call for one user: on a worker thread, bounded by the operation's deadline, with
 * the engine's events (which the Automation API delivers on its own thread) mapped by
 * {@link EngineEvents} and handed to the listener on the calling thread, as the SPI promises. A
 * failure becomes a {@link DeploymentError} through {@link EngineErrors}; running out of time
 * cancels the engine operation and returns {@link DeploymentError.Timeout}.
 */
final class EngineRunner {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRunner.class);
  private static final long POLL_MILLIS = 50;

  /** One engine call, given the consumer of its events. */
  @FunctionalInterface
  interface Call<T> {
    T run(Consumer<EngineEvent> events) throws AutomationException;
  }

  private final StackEngine engine;
  private final EngineEvents events;
  private final ProgressListener listener;
  private final Instant deadline;
  private final Duration budget;
  private final String stackName;
  private final String userName;
  private final Redactor redactor;

  EngineRunner(StackEngine engine, EngineEvents events, ProgressListener listener, Instant deadline,
      Duration budget, String stackName, String userName, Redactor redactor) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.events = Objects.requireNonNull(events, "events");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.stackName = Objects.requireNonNull(stackName, "stackName");
    this.userName = Objects.requireNonNull(userName, "userName");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  <T> Either<DeploymentError, T> run(String operation, Call<T> call) {
    listener.onEvent(new ProgressEvent.Message(userName, ProgressEvent.Message.Level.INFO,
        "pulumi " + operation + " of stack " + stackName));
    BlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "iamkit-pulumi-" + operation);
      t.setDaemon(true);
      return t;
    });
    try {
      Future<T> future = worker.submit(() -> call.run(queue::add));
      while (true) {
        drain(queue);
        if (future.isDone()) {
          drain(queue);
          return result(operation, future);
        }
        if (Instant.now().isAfter(deadline)) {
          LOG.warn("pulumi {} of stack {} ran out of time; cancelling", operation, stackName);
          engine.cancel();
          future.cancel(true);
          drain(queue);
          return Either.left(new DeploymentError.Timeout("pulumi " + operation + " of stack " + stackName,
              budget));
        }
        EngineEvent next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (next != null) {
          deliver(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      engine.cancel();
      return Either.left(new DeploymentError.BackendFailed(EngineErrors.BACKEND,
          "interrupted during pulumi " + operation + " of stack " + stackName));
    } finally {
      worker.shutdownNow();
    }
  }

  private <T> Either<DeploymentError, T> result(String operation, Future<T> future) throws InterruptedException {
    try {
      return Either.right(future.get());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AutomationException ae) {
        DeploymentError error = EngineErrors.map(ae, stackName, userName, redactor);
        LOG.debug("pulumi {} of stack {} failed: {}", operation, stackName, error.message());
        return Either.left(error);
      }
      if (cause instanceof RuntimeException re) {
        // the Automation API reports some engine failures unchecked (a CLI that cannot start)
        return Either.left(new DeploymentError.BackendFailed(EngineErrors.BACKEND, "pulumi " + operation
            + " of stack " + stackName + " failed: " + redactor.redact(String.valueOf(re.getMessage()))));
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("unexpected failure of pulumi " + operation, cause);
    }
  }

  private void drain(BlockingQueue<EngineEvent> queue) {
    EngineEvent event;
    while ((event = queue.poll()) != null) {
      deliver(event);
    }
  }

  private void deliver(EngineEvent event) {
    events.map(event).forEach(listener::onEvent);
  }
}
