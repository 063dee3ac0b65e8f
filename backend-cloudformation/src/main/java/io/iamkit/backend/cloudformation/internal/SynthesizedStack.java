package io.iamkit.backend.cloudformation.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TemplateSynthesizer} produces for one user: the stack to deploy it in and the template
 * body, plus the names the backend needs to read the result back without parsing the template again.
 *
 * @param stackName the CloudFormation stack name, see {@link TemplateSynthesizer#stackName}
 * @param templateBody the template as JSON text; the same spec always gives the same bytes
 * @param secretName the Secrets Manager secret the access key is delivered to; empty when the spec
 *     disables access keys
 * @param inlinePolicyLogicalIds logical ids of the {@code AWS::IAM::Policy} resources, sorted
 */
public record SynthesizedStack(
    String stackName,
    String templateBody,
    Optional<String> secretName,
    List<String> inlinePolicyLogicalIds) {

  public SynthesizedStack {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(templateBody, "templateBody");
    Objects.requireNonNull(secretName, "secretName");
    inlinePolicyLogicalIds = List.copyOf(inlinePolicyLogicalIds);
  }

  @Override
  public String toString() {
    return "SynthesizedStack[stackName=" + stackName + ", secretName=" + secretName
        + ", inlinePolicyLogicalIds=" + inlinePolicyLogicalIds + ", templateBody="
        + templateBody.length() + " chars]";
  }
}
