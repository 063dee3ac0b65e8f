package io.iamkit.testkit;

/**
 * No emulator could be started or reached. The message says what was tried, why each failed and
 * how to provide one.
 */
public final class EmulatorUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public EmulatorUnavailableException(String message) {
    super(message);
  }

  public EmulatorUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
