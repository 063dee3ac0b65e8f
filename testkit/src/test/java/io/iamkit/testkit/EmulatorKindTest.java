package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmulatorKindTest {

  @Test
  void parsesConfiguredNamesInAnyCase() {
    assertThat(EmulatorKind.parse("moto")).isEqualTo(EmulatorKind.MOTO);
    assertThat(EmulatorKind.parse(" LocalStack ")).isEqualTo(EmulatorKind.LOCALSTACK);
    assertThat(EmulatorKind.parse("external")).isEqualTo(EmulatorKind.EXTERNAL);
    assertThat(EmulatorKind.EXTERNAL.id()).isEqualTo("external");
    assertThat(EmulatorKind.parse("localstack-process")).isEqualTo(EmulatorKind.LOCALSTACK_PROCESS);
    assertThat(EmulatorKind.parse("LOCALSTACK_PROCESS")).isEqualTo(EmulatorKind.LOCALSTACK_PROCESS);
    assertThat(EmulatorKind.LOCALSTACK_PROCESS.id()).isEqualTo("localstack-process");
  }

  @Test
  void unknownNameListsTheChoices() {
    assertThatThrownBy(() -> EmulatorKind.parse("minio"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("moto, localstack, external, localstack-process");
  }
}
