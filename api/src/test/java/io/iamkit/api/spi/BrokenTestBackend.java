package io.iamkit.api.spi;

/**
 * A registered backend whose constructor fails, as one with a missing prerequisite class might. It is
 * never constructed, so its operations (those of {@link UnavailableTestBackend}) never run.
 */
public final class BrokenTestBackend extends UnavailableTestBackend {
  static final String FAILURE = "broken on purpose: its prerequisites are missing";

  public BrokenTestBackend() {
    throw new IllegalStateException(FAILURE);
  }
}
