package io.iamkit.backend.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.events.EngineEvent;
import io.iamkit.model.proto.AwsIamUser;
import java.util.function.Consumer;

/**
 * The engine operations the backend runs on one user's stack. {@link AutomationStackEngine} runs
 * them through the Automation API (the {@code pulumi} CLI); everything around them in
 * {@link PulumiBackend} is tested without the engine.
 */
interface StackEngine {

  /** The stack's current outputs (secret ones decrypted but still marked secret). */
  StackOutputs outputs() throws AutomationException;

  /** {@code pulumi preview}. */
  void preview(Consumer<EngineEvent> events) throws AutomationException;

  /** {@code pulumi refresh}: reads the resources in the state back from AWS. */
  void refresh(Consumer<EngineEvent> events) throws AutomationException;

  /** {@code pulumi up}; returns the outputs afterwards. */
  StackOutputs up(Consumer<EngineEvent> events) throws AutomationException;

  /** {@code pulumi destroy}. */
  void destroy(Consumer<EngineEvent> events) throws AutomationException;

  /** Asks a running operation to stop ({@code pulumi cancel}); best effort. */
  void cancel();

  /** Opens the stack of one user in a workspace, creating it if needed. */
  @FunctionalInterface
  interface Factory {
    StackEngine open(PulumiWorkspace workspace, AwsIamUser manifest, PulumiTarget target)
        throws AutomationException;
  }
}
