package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web app's files hang together: valid JavaScript, and every element the script looks up exists. */
class WebAppFilesTest {
  private static final Path WEBAPP = ProjectFiles.findUpwards(Path.of("webapp", "index.html")).orElseThrow().getParent();

  @Test
  void the_scripts_are_valid_javascript() throws Exception {
    for (String script : new String[] {"app.js", "messages.js", "signin.js", "config.js"}) {
      Process node = new ProcessBuilder("node", "--check", WEBAPP.resolve(script).toString()).redirectErrorStream(true).start();
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.exitValue()).as(script + ": " + output).isZero();
    }
  }

  @Test
  void every_element_the_script_looks_up_is_in_the_page_with_a_matching_test_id() throws IOException {
    String page = Files.readString(WEBAPP.resolve("index.html"));
    String script = Files.readString(WEBAPP.resolve("app.js"));
    Set<String> lookedUp = matches(Pattern.compile("\\$\\(\"([a-z0-9-]+)\"\\)"), script);
    Set<String> ids = matches(Pattern.compile("\\sid=\"([^\"]+)\""), page);
    assertThat(lookedUp).hasSizeGreaterThan(30);
    assertThat(ids).containsAll(lookedUp);
    for (String id : ids) {
      if (page.contains("data-testid=")) {
        Matcher element = Pattern.compile("<[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(page);
        assertThat(element.find()).isTrue();
        String tag = element.group();
        if (tag.contains("data-testid=")) {
          assertThat(tag).as("test id of #" + id).contains("data-testid=\"" + id + "\"");
        }
      }
    }
    // The documented hooks at the top of app.js exist in the page.
    String header = script.substring(0, script.indexOf("*/"));
    for (String hook : new String[] {"sign-in", "sign-out", "current-user", "queue-join", "queue-position", "queue-progress", "queue-enter",
        "seat-map", "hold-countdown", "pay-button", "charge-amount", "charge-button", "payments-list", "error", "lang-en"}) {
      assertThat(header).contains(hook);
      assertThat(page).contains("id=\"" + hook + "\" data-testid=\"" + hook + "\"");
    }
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
