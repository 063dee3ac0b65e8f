package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.OperationType;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EngineRunnerTest {
  private final ScriptedEngine engine = new ScriptedEngine();
  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  private EngineRunner runner(Duration budget) {
    return new EngineRunner(engine, new EngineEvents("svc", Redactor.NONE), e -> {
      events.add(e);
      threads.add(Thread.currentThread());
    }, Instant.now().plus(budget), budget, "stack-a", "svc", Redactor.NONE);
  }

  @Test
  void engineEventsReachTheListenerMappedAndOnTheCallingThread() {
    engine.outputsAfterUp = StackOutputs.of(StackOutputsTest.deployed(false));
    engine.onUp = e -> e.accept(EngineEventsTest.pre(EngineEventsTest.step(OperationType.CREATE,
        "aws:iam/user:User", "user", null, EngineEventsTest.state(null, Map.of("name", "svc")))));

    var result = runner(Duration.ofMinutes(1)).run("up", engine::up);

    assertThat(result.get().userName()).contains("svc");
    assertThat(events).contains(new ProgressEvent.ResourceStarted("svc", ResourceKind.USER, "svc",
        io.iamkit.api.Change.Action.CREATE));
    assertThat(events.get(0)).isInstanceOfSatisfying(ProgressEvent.Message.class,
        m -> assertThat(m.text()).isEqualTo("pulumi up of stack stack-a"));
    assertThat(threads).containsOnly(Thread.currentThread());
  }

  @Test
  void aCommandFailureIsMappedToADeploymentError() {
    engine.onUp = e -> {
      throw new CommandException(new CommandResult(1, "", "operation error IAM: CreateUser, https response "
          + "error StatusCode: 403, RequestID: x, AccessDenied: no"));
    };

    var result = runner(Duration.ofMinutes(1)).run("up", engine::up);

    assertThat(result.getLeft()).isEqualTo(new DeploymentError.RejectedByAws("AccessDenied", "svc", "no"));
  }

  @Test
  void runningOutOfTimeCancelsTheEngineAndIsATimeout() {
    engine.onUp = e -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    };
    long start = System.nanoTime();

    var result = runner(Duration.ofMillis(300)).run("up", engine::up);

    assertThat(result.getLeft()).isEqualTo(new DeploymentError.Timeout("pulumi up of stack stack-a",
        Duration.ofMillis(300)));
    assertThat(engine.calls).contains("cancel");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anUncheckedFailureOfTheApiIsBackendFailed() {
    engine.onDestroy = e -> {
      throw new IllegalStateException("cannot start pulumi");
    };

    var result = runner(Duration.ofMinutes(1)).run("destroy", e -> {
      engine.destroy(e);
      return true;
    });

    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.BackendFailed.class,
        f -> assertThat(f.detail()).contains("cannot start pulumi"));
  }
}
