/**
 * Backend {@code cloudformation}: one CloudFormation stack per IAM user, deployed through change
 * sets, read back from IAM after every apply. The public types are
 * {@link io.iamkit.backend.cloudformation.CloudFormationBackend}, registered for
 * {@link java.util.ServiceLoader} under the name {@code cloudformation}, and
 * {@link io.iamkit.backend.cloudformation.StackTemplate}, what
 * {@link io.iamkit.backend.cloudformation.CloudFormationBackend#template} returns.
 */
package io.iamkit.backend.cloudformation;
