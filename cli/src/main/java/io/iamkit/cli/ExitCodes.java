package io.iamkit.cli;

/** The exit codes of every command. */
final class ExitCodes {
  /** The command did what was asked (for {@code drift}: and found no drift). */
  static final int OK = 0;
  /** An operation failed (AWS refused, a backend failed or cannot run here, an emulator did not start). */
  static final int FAILED = 1;
  /** Invalid input or usage: bad options, unreadable or invalid manifests, no AWS target. */
  static final int USAGE = 2;
  /** {@code drift} found differences between the manifests and IAM. */
  static final int DRIFT = 3;

  private ExitCodes() {}
}
