package io.iamkit.testkit.conformance;

import io.iamkit.api.AwsCallObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records every AWS request a backend sends, in order, through the {@link AwsCallObserver} hook of
 * the deployment target. Keeps the SDK request objects (for checks such as "every change set states
 * its type"); never logs them. Thread-safe.
 */
public final class CallRecorder implements AwsCallObserver {

  /** One recorded request. */
  public record Call(String service, String operation, Object request) {
    public Call {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(operation, "operation");
    }
  }

  private final List<Call> calls = new ArrayList<>();

  @Override
  public synchronized void beforeCall(String service, String operation, Object request) {
    calls.add(new Call(String.valueOf(service), String.valueOf(operation), request));
  }

  /** Every call so far, oldest first. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The operation names of one service (e.g. {@code IAM}), oldest first. */
  public synchronized List<String> operations(String service) {
    return calls.stream().filter(c -> c.service().equalsIgnoreCase(service))
        .map(Call::operation).toList();
  }

  /** The requests of one operation, oldest first, as the SDK's request type. */
  public synchronized <T> List<T> requests(String operation, Class<T> type) {
    return calls.stream().filter(c -> c.operation().equals(operation))
        .map(Call::request).filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets every call recorded so far. */
  public synchronized void clear() {
    calls.clear();
  }
}
