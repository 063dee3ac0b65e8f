/**
 * Backend {@code pulumi} (the default): one IAM user as one Pulumi stack.
 *
 * <ul>
 *   <li>{@link io.iamkit.backend.pulumi.PulumiBackend} is the backend behind the SPI, registered in
 *       {@code META-INF/services} under the name {@code pulumi}: preview, apply (check managed
 *       policies, refresh, up, rename key clean-up, read-back), outputs, drift and destroy.
 *   <li>{@link io.iamkit.backend.pulumi.UserProgram} is the Pulumi program (an inline program for
 *       the Automation API) built from an {@code AwsIamUser} and a
 *       {@link io.iamkit.backend.pulumi.PulumiTarget}.
 *   <li>{@link io.iamkit.backend.pulumi.PulumiWorkspace} runs it through the Automation API with
 *       state in a local directory ({@code file://} backend) and secrets encrypted by a passphrase,
 *       one stack per user named after {@code metadata.name}. Missing prerequisites (the
 *       {@code pulumi} CLI, a passphrase) are {@link io.iamkit.backend.pulumi.PulumiSetupError}
 *       values found before any work starts.
 *   <li>{@link io.iamkit.backend.pulumi.EngineEvents}, {@link io.iamkit.backend.pulumi.StackOutputs}
 *       and {@link io.iamkit.backend.pulumi.EngineErrors} map the engine's events, outputs and
 *       failures onto the SPI's types; {@link io.iamkit.backend.pulumi.EngineRunner} runs each engine
 *       call within the operation's deadline; {@link io.iamkit.backend.pulumi.IamSteps} are the IAM
 *       calls made around the engine.
 * </ul>
 */
package io.iamkit.backend.pulumi;
