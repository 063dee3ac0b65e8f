/**
 * Backend {@code pulumi}: one IAM user as one Pulumi stack.
 *
 * <ul>
 *   <li>{@link io.iamkit.backend.pulumi.UserProgram} is the Pulumi program (an inline program for
 *       the Automation API) built from an {@code AwsIamUser} and a
 *       {@link io.iamkit.backend.pulumi.PulumiTarget}.
 *   <li>{@link io.iamkit.backend.pulumi.PulumiWorkspace} runs it through the Automation API with
 *       state in a local directory ({@code file://} backend) and secrets encrypted by a passphrase,
 *       one stack per user named after {@code metadata.name}. Missing prerequisites (the
 *       {@code pulumi} CLI, a passphrase) are {@link io.iamkit.backend.pulumi.PulumiSetupError}
 *       values found before any work starts.
 * </ul>
 */
package io.iamkit.backend.pulumi;
