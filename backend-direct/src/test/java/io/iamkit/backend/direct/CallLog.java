package io.iamkit.backend.direct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import io.iamkit.api.AwsCallObserver;

/** Records the name of every AWS operation the backend's clients execute, in order. */
final class CallLog implements AwsCallObserver {
  private static final Set<String> READ_PREFIXES = Set.of("Get", "List", "Describe");
  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void beforeCall(String service, String operation, Object request) {
    operations.add(operation);
  }

  List<String> all() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  /** Every call that is not a Get, List or Describe. */
  List<String> mutating() {
    return all().stream().filter(CallLog::isMutating).toList();
  }

  static boolean isMutating(String operation) {
    return READ_PREFIXES.stream().noneMatch(operation::startsWith);
  }

  void clear() {
    operations.clear();
  }
}
