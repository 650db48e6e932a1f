package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ticketing.engine.ProjectFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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

/**
 * A Node script of {@code local/src/test/browser/} driving Debian's chromium through playwright-core
 * from the repository's node_modules (BrowserTest, DiagramsRenderTest). Without chromium a test
 * using it is skipped, except on CI ({@code CI=true}), where it fails: {@code .ci/run} installs
 * chromium, so its absence there is a broken setup, not a choice.
 */
final class BrowserScript {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  static final Path ROOT = ProjectFiles.findUpwards(Path.of("package-lock.json")).orElseThrow().getParent();

  /** What a run printed and how it ended. */
  record Run(boolean finished, int exitCode, String output, Duration took) {
    void assertSucceeded(Duration timeout) {
      assertThat(finished).as("the browser script ends within " + timeout.toSeconds() + " s; its output:\n" + output).isTrue();
      assertThat(exitCode).as("exit code of the browser script; its output:\n" + output).isZero();
    }
  }

  /**
   * What a script asks of the test running it, for what only the test can do (such as moving the
   * runtime's clock): the script prints a line {@value #REQUEST} followed by the request and reads
   * the answer as one line of its input ({@code askTest} of browsing.mjs).
   */
  @FunctionalInterface
  interface Requests {
    String answer(String request);
  }

  static final String REQUEST = "@test ";

  private BrowserScript() {}

  /** Skips the calling test without chromium, or fails it on CI; checks the npm packages it needs are installed. */
  static void requireChromiumAnd(String... npmPackages) {
    if (!Files.isExecutable(CHROMIUM)) {
      String why = CHROMIUM + " is missing: install Debian's chromium (apt-get install chromium) to run the browser test";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI must run the browser test, but " + why);
      }
      Assumptions.abort(why);
    }
    for (String npmPackage : npmPackages) {
      assertThat(ROOT.resolve("node_modules").resolve(npmPackage).resolve("package.json"))
          .as(npmPackage + ", installed by the build with npm ci from the root package.json").exists();
    }
  }

  /** Runs {@code local/src/test/browser/<script>} with {@code env} (and CHROMIUM) until it ends or {@code timeout} passes. */
  static Run run(String script, Map<String, String> env, Duration timeout) throws InterruptedException, IOException {
    return run(script, env, timeout, request -> {
      throw new IllegalArgumentException("this test takes no requests");
    });
  }

  /** The same, answering the script's {@link Requests}. */
  static Run run(String script, Map<String, String> env, Duration timeout, Requests requests)
      throws InterruptedException, IOException {
    List<String> command = new ArrayList<>();
    Path setpriv = Path.of("/usr/bin/setpriv");
    if (Files.isExecutable(setpriv)) {
      // Node (and so the browser it drives) dies with this thread, even if the JVM is killed.
      command.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--"));
    }
    command.addAll(List.of("node", ROOT.resolve("local/src/test/browser").resolve(script).toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("CHROMIUM", CHROMIUM.toString());
    long started = System.nanoTime();
    Process node = builder.start();
    StringBuffer output = new StringBuffer();
    Thread pump = new Thread(() -> copyLines(node, output, requests), "browser-output");
    pump.setDaemon(true);
    pump.start();
    boolean finished = node.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      node.waitFor(10, TimeUnit.SECONDS);
    }
    pump.join(5_000);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("%s: %d s%n", script, took.toSeconds());
    return new Run(finished, finished ? node.exitValue() : -1, output.toString(), took);
  }

  /** Answers on the script's input; a failure to answer goes back as an error line, failing the script, not this thread. */
  private static void answer(OutputStream input, Requests requests, String request) throws IOException {
    String answer;
    try {
      answer = requests.answer(request);
    } catch (RuntimeException e) {
      answer = "error " + e;
    }
    input.write((answer.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    input.flush();
  }

  private static void copyLines(Process process, StringBuffer into, Requests requests) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println("[browser] " + line);
        into.append(line).append('\n');
        if (line.startsWith(REQUEST)) {
          answer(process.getOutputStream(), requests, line.substring(REQUEST.length()));
        }
      }
    } catch (IOException e) {
      if (process.isAlive()) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
