package dev.ticketing.bench.replay;

import dev.ticketing.bench.support.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The control replay, run from the jar {@code bench/control.sh} built from the commit before the
 * redesign ({@code bench/target/control/bench-control.jar}, with that commit's template.yaml and
 * short sha beside it), in a JVM of its own: that jar holds the older queue. Skipped, with a note,
 * when the jar has not been built. (control.sh copies it into the control build with the rest of
 * the package; it is unused there.)
 */
public final class ControlReplay {
  private static final Path DIRECTORY = Path.of("bench", "target", "control");

  private ControlReplay() {}

  public static void runIfBuilt(Report report, boolean quick) throws IOException, InterruptedException {
    Path jar = DIRECTORY.resolve("bench-control.jar");
    if (!Files.isRegularFile(jar)) {
      report.line("(No control replay: run bench/control.sh once to build it from the commit before the redesign.)");
      return;
    }
    String commit = Files.readString(DIRECTORY.resolve("commit")).trim();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar.toString(), RushReplay.class.getName(), "--label", "rush-replay (control @" + commit + ")"));
    if (quick) {
      command.add("--quick");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TEMPLATE_PATH", DIRECTORY.resolve("template.yaml").toAbsolutePath().toString());
    Process process = builder.start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.startsWith("{")) {  // the older handlers' JSON log lines, if any reach the terminal
          report.line(line);
        }
      }
    }
    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
      report.line("(The control replay failed: exit " + (process.isAlive() ? "none (killed)" : process.exitValue()) + ".)");
      process.destroyForcibly();
    }
  }
}
