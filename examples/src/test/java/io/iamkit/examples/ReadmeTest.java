package io.iamkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's testkit example is PaymentServiceIT, which runs. */
class ReadmeTest {
  @Test
  void theTestkitExampleIsPaymentServiceIT() throws IOException {
    String source = Files.readString(Path.of("src/test/java/io/iamkit/examples/PaymentServiceIT.java"));
    String snippet = source.split("// README:begin\n")[1].split("// README:end")[0].stripTrailing();
    assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n" + snippet + "\n```")
        .contains("PaymentServiceIT.java");
  }
}
