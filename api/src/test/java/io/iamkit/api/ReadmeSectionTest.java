package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md quotes EmbedExampleTest verbatim (dedented); this keeps them in step. */
class ReadmeSectionTest {
  @Test
  void readmeSnippetIsTheCompiledExample() throws IOException {
    String source = Files.readString(Path.of("src/test/java/io/iamkit/api/EmbedExampleTest.java"));
    String snippet = source.split("  // README:begin\n")[1].split("  // README:end")[0].stripTrailing();
    String dedented = snippet.lines().map(l -> l.startsWith("  ") ? l.substring(2) : l)
        .reduce((a, b) -> a + "\n" + b).orElseThrow();
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains("```java\n" + dedented + "\n```").contains("EmbedExampleTest");
  }
}
