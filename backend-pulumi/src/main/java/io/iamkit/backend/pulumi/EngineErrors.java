package io.iamkit.backend.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.StackNotFoundException;
import io.iamkit.api.DeploymentError;
import io.vavr.collection.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a failure of the Automation API (the {@code pulumi} CLI's exit, or the API's own error) onto
 * a {@link DeploymentError}:
 *
 * <ul>
 *   <li>another operation holds the stack's lock: {@link DeploymentError.Conflict};
 *   <li>a wrong passphrase or a provider plugin that cannot be had: {@link DeploymentError.BackendUnavailable};
 *   <li>an AWS error the provider passed on ({@code ..., EntityAlreadyExists: ...}): a taken user
 *       name is a {@link DeploymentError.Conflict}, anything else {@link DeploymentError.RejectedByAws}
 *       with the code and the ARN or user it names;
 *   <li>everything else: {@link DeploymentError.BackendFailed} with the end of the CLI's error output.
 * </ul>
 *
 * Every detail passes through the {@link Redactor} and is capped in length.
 */
final class EngineErrors {
  static final String BACKEND = PulumiBackend.NAME;
  static final int MAX_DETAIL = 1_500;

  /** The AWS SDK for Go's error text, as the provider prints it. */
  private static final Pattern AWS_ERROR = Pattern.compile(
      "(?:api error |RequestID: [^,\\s]*, )([A-Z][A-Za-z]+): ([^\\n]+)");
  private static final Pattern IAM_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9a-z-]*:[A-Za-z0-9+=,.@_/-]+");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

  private EngineErrors() {}

  static DeploymentError map(AutomationException e, String stackName, String userName, Redactor redactor) {
    Objects.requireNonNull(e, "e");
    String text = redactor.redact(ANSI.matcher(Objects.toString(e.getMessage(), "")).replaceAll(""));
    if (e instanceof ConcurrentUpdateException) {
      return new DeploymentError.Conflict("pulumi stack " + stackName,
          "another pulumi operation holds the stack's lock; wait for it, or if none runs, remove the "
              + "stale lock with `pulumi cancel` / `pulumi stack export|import`");
    }
    if (e instanceof StackNotFoundException) {
      return new DeploymentError.BackendFailed(BACKEND, "stack " + stackName + " does not exist");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("incorrect passphrase") || lower.contains("passphrase must be set")
        || lower.contains("failed to decrypt")) {
      return new DeploymentError.BackendUnavailable(BACKEND,
          "the passphrase does not decrypt the state of stack " + stackName
              + " (it must be the one the stack was created with)", List.empty());
    }
    if (lower.contains("no resource plugin") || lower.contains("could not find plugin")
        || lower.contains("failed to load plugin") || lower.contains("error downloading plugin")) {
      return new DeploymentError.BackendUnavailable(BACKEND,
          "the Pulumi AWS provider plugin v" + PulumiWorkspace.awsPluginVersion()
              + " is not installed and could not be installed (`pulumi plugin install resource aws v"
              + PulumiWorkspace.awsPluginVersion() + "`): " + cap(lastLines(text, 3)), List.empty());
    }
    if (e instanceof CommandException) {
      Matcher aws = AWS_ERROR.matcher(text);
      if (aws.find()) {
        String code = aws.group(1);
        String detail = cap(aws.group(2).strip());
        if (code.equals("EntityAlreadyExists")) {
          return new DeploymentError.Conflict(userName,
              "IAM already has this name and this stack does not own it: " + detail);
        }
        Matcher arn = IAM_ARN.matcher(detail);
        String resource = arn.find() ? arn.group() : userName;
        return new DeploymentError.RejectedByAws(code, resource, detail);
      }
    }
    return new DeploymentError.BackendFailed(BACKEND, cap(lastLines(text, 15)));
  }

  /** The last {@code n} non-blank lines of a text. */
  static String lastLines(String text, int n) {
    java.util.List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private static String cap(String text) {
    return text.length() <= MAX_DETAIL ? text : "..." + text.substring(text.length() - MAX_DETAIL);
  }
}
