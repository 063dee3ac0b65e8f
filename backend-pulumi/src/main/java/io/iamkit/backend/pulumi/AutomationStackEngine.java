package io.iamkit.backend.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import com.pulumi.automation.events.EngineEvent;
import io.iamkit.model.proto.AwsIamUser;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StackEngine} through the Automation API: a {@link WorkspaceStack} and the pulumi CLI. */
final class AutomationStackEngine implements StackEngine {
  private static final Logger LOG = LoggerFactory.getLogger(AutomationStackEngine.class);

  private final WorkspaceStack stack;

  private AutomationStackEngine(WorkspaceStack stack) {
    this.stack = stack;
  }

  /** The {@link StackEngine.Factory} of the real engine. */
  static StackEngine open(PulumiWorkspace workspace, AwsIamUser manifest, PulumiTarget target)
      throws AutomationException {
    return new AutomationStackEngine(workspace.stack(manifest, target));
  }

  @Override
  public StackOutputs outputs() throws AutomationException {
    return StackOutputs.fromEngine(stack.getOutputs());
  }

  @Override
  public void preview(Consumer<EngineEvent> events) throws AutomationException {
    stack.preview(PreviewOptions.builder().onEvent(events).build());
  }

  @Override
  public void refresh(Consumer<EngineEvent> events) throws AutomationException {
    stack.refresh(RefreshOptions.builder().onEvent(events).build());
  }

  @Override
  public StackOutputs up(Consumer<EngineEvent> events) throws AutomationException {
    return StackOutputs.fromEngine(stack.up(UpOptions.builder().onEvent(events).build()).outputs());
  }

  @Override
  public void destroy(Consumer<EngineEvent> events) throws AutomationException {
    stack.destroy(DestroyOptions.builder().onEvent(events).build());
  }

  @Override
  public void cancel() {
    try {
      stack.cancel();
    } catch (AutomationException | RuntimeException e) {
      LOG.warn("cancelling the operation on stack {} failed: {}", stack.name(), e.getMessage());
    }
  }
}
