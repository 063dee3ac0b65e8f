package io.iamkit.testkit.conformance;

import io.iamkit.testkit.EmulatorKind;
import java.util.Map;

/**
 * Runs the conformance suite against the test-only {@link ReferenceBackend}: proves the suite's
 * checks pass against a backend that does the right thing on the emulator, and that results land in
 * {@code target/conformance/reference-test-<emulator>.tsv}.
 */
class ReferenceConformanceIT extends BackendConformanceSuite {

  @Override
  protected String backendName() {
    return ReferenceBackend.NAME;
  }

  @Override
  protected Map<String, String> gaps(EmulatorKind emulator) {
    return Map.of();
  }
}
