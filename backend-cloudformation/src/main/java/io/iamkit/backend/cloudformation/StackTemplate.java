package io.iamkit.backend.cloudformation;

import java.util.Objects;

/**
 * The CloudFormation template of one user, as {@link CloudFormationBackend#template} synthesizes
 * it: for a reviewer or a linter ({@code cfn-lint}) to read outside iamkit.
 *
 * @param stackName    the stack it deploys to, {@code iamkit-<metadata.name>}
 * @param templateBody the template, JSON text ending in one newline; never holds a secret (the
 *                     access key's secret is only referenced, {@code Fn::GetAtt}, inside the template)
 */
public record StackTemplate(String stackName, String templateBody) {
  public StackTemplate {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(templateBody, "templateBody");
  }

  /** A file name for the template: {@code <stackName>.template.json}. */
  public String fileName() {
    return stackName + ".template.json";
  }

  @Override
  public String toString() {
    return "StackTemplate[" + stackName + ", " + templateBody.length() + " chars]";
  }
}
