package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Mermaid diagram of {@code docs/} renders: {@code local/src/test/browser/render-diagrams.mjs}
 * hands each {@code ```mermaid} block to the mermaid package of the root package.json, in the
 * chromium the web app's test drives, and fails on a syntax error. Pictures of the diagrams as laid
 * out in the page land in {@code local/target/diagrams/}. Skipped without chromium, except on CI ({@link BrowserScript}).
 */
class DiagramsRenderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String SCRIPT = "render-diagrams.mjs";
  private static final Pattern BLOCK = Pattern.compile("^```mermaid[ \\t]*$", Pattern.MULTILINE);

  @Test
  void every_diagram_of_the_docs_renders() throws Exception {
    BrowserScript.requireChromiumAnd("playwright-core", "mermaid");
    Path docs = BrowserScript.ROOT.resolve("docs");
    List<String> expected = blocks(docs);
    assertThat(expected).as("the architecture's diagrams").hasSizeGreaterThanOrEqualTo(6);
    Path svgs = BrowserScript.ROOT.resolve("local/target/diagrams");

    BrowserScript.Run run = BrowserScript.run(SCRIPT, Map.of("DOCS_DIR", docs.toString(), "DIAGRAM_DIR", svgs.toString()),
        TIMEOUT);

    run.assertSucceeded(TIMEOUT);
    for (String diagram : expected) {
      assertThat(run.output()).as("the script's output").contains("rendered " + diagram + " ");
    }
    assertThat(run.output()).contains("diagrams: " + expected.size() + " rendered, 0 failed");
    try (Stream<Path> files = Files.list(svgs)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(expected.size());
    }
  }

  /** The check can fail: a diagram with a syntax error is named with mermaid's message, and the run fails. */
  @Test
  void a_diagram_with_a_syntax_error_fails_the_run(@TempDir Path scratch) throws Exception {
    BrowserScript.requireChromiumAnd("playwright-core", "mermaid");
    Path docs = Files.createDirectories(scratch.resolve("docs"));
    Files.writeString(docs.resolve("broken.md"), """
        # Two diagrams, the second broken

        ```mermaid
        sequenceDiagram
          Client->>Api: POST /reservations
        ```

        ```mermaid
        sequenceDiagram
          Client->>>Api POST /reservations ::
        ```
        """);

    BrowserScript.Run run = BrowserScript.run(SCRIPT, Map.of("DOCS_DIR", docs.toString(),
        "DIAGRAM_DIR", scratch.resolve("svg").toString()), TIMEOUT);

    assertThat(run.finished()).as(run.output()).isTrue();
    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("rendered broken.md#1 sequence").contains("FAILED broken.md#2: Parse error")
        .contains("diagrams: 1 rendered, 1 failed");
  }

  /** The diagrams of the docs as the script names them: {@code <file>#<n>}. */
  private static List<String> blocks(Path docs) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(docs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        Matcher block = BLOCK.matcher(Files.readString(file));
        int n = 0;
        while (block.find()) {
          names.add(file.getFileName() + "#" + ++n);
        }
      }
    }
    return names;
  }
}
