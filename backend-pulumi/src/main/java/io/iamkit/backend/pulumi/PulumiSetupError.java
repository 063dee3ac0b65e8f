package io.iamkit.backend.pulumi;

/**
 * A missing prerequisite of the pulumi backend, found before any work starts. The backend never
 * falls back to another backend: state lives in different places.
 */
sealed interface PulumiSetupError {

  /** One line for the user: what is missing and what to do. */
  String message();

  /** The {@code pulumi} executable is on no directory of {@code PATH}. */
  record CliNotOnPath(String searchedPath) implements PulumiSetupError {
    static final String INSTALL_URL = "https://www.pulumi.com/docs/iac/download-install/";

    @Override
    public String message() {
      return "the pulumi CLI is not on PATH; install it from " + INSTALL_URL
          + "; backends `direct` and `cloudformation` work without it";
    }
  }

  /** No passphrase for Pulumi's passphrase secrets provider, so state could not be encrypted. */
  record PassphraseMissing() implements PulumiSetupError {
    @Override
    public String message() {
      return "no passphrase for the Pulumi state's secrets: configure one or set "
          + PulumiWorkspace.PASSPHRASE_ENV + " (or " + PulumiWorkspace.PASSPHRASE_FILE_ENV
          + "); iamkit keeps access keys in Pulumi state only encrypted";
    }
  }
}
