package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app in a real browser against the real local runtime: Debian's chromium, driven by
 * playwright-core from the repository's node_modules, runs {@code local/src/test/browser/purchase.mjs}.
 * The runtime admits one user at a time, so the second buyer waits in the queue until the first
 * one's payment of a two-seat order ends her session, then finds her seats sold, holds and gives
 * up an order, and meets the ticket limit. Screenshots land in {@code local/target/screenshots/}.
 *
 * <p>Without chromium the test is skipped, except on CI ({@code CI=true}), where it fails:
 * {@code .ci/run} installs chromium, so its absence there is a broken setup, not a choice.
 */
@ExtendWith(DynamoDbExtension.class)
class BrowserTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final Path SCRIPT = Path.of("local", "src", "test", "browser", "purchase.mjs");
  static final List<String> SCREENSHOTS = List.of("queue-waiting.png", "seat-map-picked.png", "seat-map-held.png", "seat-map.png",
      "payment-history.png");

  @Test
  void two_buyers_and_a_two_seat_order_in_chromium(TestTable table) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String why = CHROMIUM + " is missing: install Debian's chromium (apt-get install chromium) to run the browser test";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI must run the browser test, but " + why);
      }
      Assumptions.abort(why);
    }
    Path root = ProjectFiles.findUpwards(Path.of("package-lock.json")).orElseThrow().getParent();
    Path script = root.resolve(SCRIPT);
    assertThat(root.resolve("node_modules/playwright-core/package.json"))
        .as("playwright-core, installed by the build with npm ci from the root package.json").exists();
    Path screenshots = root.resolve("local/target/screenshots");
    if (Files.isDirectory(screenshots)) {
      try (var old = Files.newDirectoryStream(screenshots, "*.png")) {
        for (Path png : old) {
          Files.delete(png); // no picture of an earlier run passes for this one's
        }
      }
    }

    try (LocalHttp http = LocalHttp.start(table, Map.of(
        "QUEUE_MAX_ACTIVE", "1",
        "SCHEDULER_INTERVAL_SECONDS", "1"))) {
      List<String> command = new ArrayList<>();
      Path setpriv = Path.of("/usr/bin/setpriv");
      if (Files.isExecutable(setpriv)) {
        // Node (and so the browser it drives) dies with this thread, even if the JVM is killed.
        command.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--"));
      }
      command.addAll(List.of("node", script.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
      builder.environment().put("BASE_URL", http.runtime.baseUri().toString());
      builder.environment().put("SCREENSHOT_DIR", screenshots.toString());
      builder.environment().put("CHROMIUM", CHROMIUM.toString());
      long started = System.nanoTime();
      Process node = builder.start();
      StringBuffer output = new StringBuffer();
      Thread pump = new Thread(() -> copyLines(node, output), "browser-output");
      pump.setDaemon(true);
      pump.start();
      boolean finished = node.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly();
        node.waitFor(10, TimeUnit.SECONDS);
      }
      pump.join(5_000);
      System.out.printf("browser test: %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
      assertThat(finished).as("the browser script ends within " + TIMEOUT.toSeconds() + " s; its output:\n" + output).isTrue();
      assertThat(node.exitValue()).as("exit code of the browser script; its output:\n" + output).isZero();
    }

    for (String name : SCREENSHOTS) {
      Path png = screenshots.resolve(name);
      assertThat(png).as("screenshot " + name).exists();
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes.length).as(name + " is a real picture").isGreaterThan(2_000);
      assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).as(name + " is a PNG").isEqualTo("PNG");
    }
  }

  private static void copyLines(Process process, StringBuffer into) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println("[browser] " + line);
        into.append(line).append('\n');
      }
    } catch (IOException e) {
      if (process.isAlive()) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
