package io.iamkit.backend.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.events.EngineEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link StackEngine} whose operations do what a test says, recording which were called. It stands
 * in for the Pulumi engine (which cannot run here) so the backend's own steps around the engine can be
 * tested; where a test needs AWS to change as the engine would change it, its step makes real IAM
 * calls against the emulator.
 */
final class ScriptedEngine implements StackEngine, StackEngine.Factory {

  /** One scripted operation. */
  @FunctionalInterface
  interface Step {
    void run(Consumer<EngineEvent> events) throws AutomationException;
  }

  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile StackOutputs outputs = StackOutputs.empty();
  volatile StackOutputs outputsAfterUp = StackOutputs.empty();
  volatile Step onPreview = e -> { };
  volatile Step onRefresh = e -> { };
  volatile Step onUp = e -> { };
  volatile Step onDestroy = e -> { };
  volatile int opened;

  @Override
  public StackEngine open(PulumiWorkspace workspace, io.iamkit.model.proto.AwsIamUser manifest,
      PulumiTarget target) {
    opened++;
    return this;
  }

  @Override
  public StackOutputs outputs() {
    calls.add("outputs");
    return outputs;
  }

  @Override
  public void preview(Consumer<EngineEvent> events) throws AutomationException {
    calls.add("preview");
    onPreview.run(events);
  }

  @Override
  public void refresh(Consumer<EngineEvent> events) throws AutomationException {
    calls.add("refresh");
    onRefresh.run(events);
  }

  @Override
  public StackOutputs up(Consumer<EngineEvent> events) throws AutomationException {
    calls.add("up");
    onUp.run(events);
    outputs = outputsAfterUp;
    return outputsAfterUp;
  }

  @Override
  public void destroy(Consumer<EngineEvent> events) throws AutomationException {
    calls.add("destroy");
    onDestroy.run(events);
    outputs = StackOutputs.empty();
  }

  @Override
  public void cancel() {
    calls.add("cancel");
  }
}
