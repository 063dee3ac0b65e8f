package io.iamkit.backend.direct;

import io.iamkit.testkit.EmulatorKind;
import io.iamkit.testkit.conformance.BackendConformanceSuite;
import java.util.Map;

/**
 * The shared backend conformance suite (canonical users, C-01..C-11) run against backend
 * {@code direct}. No case is declared a gap: the direct backend reads and writes IAM itself, so it
 * needs nothing moto lacks for these cases. (C-09 is CloudFormation-only and is reported as not
 * applicable by the suite itself.)
 */
class DirectConformanceIT extends BackendConformanceSuite {
  @Override
  protected String backendName() {
    return DirectBackend.NAME;
  }

  @Override
  protected Map<String, String> gaps(EmulatorKind emulator) {
    return Map.of();
  }
}
