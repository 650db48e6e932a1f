package dev.ticketing.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on. */
public final class Machine {
  private Machine() {}

  public static void describe(Report report) {
    report.blank();
    report.line("Machine: %d CPUs (`nproc`), %s, memory %s, JDK %s (%s), %s %s.",
        Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), System.getProperty("java.version"),
        System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"));
    report.line("The machine is shared with other work and noisy: compare ratios measured side by side in one run, not "
        + "absolute numbers across runs.");
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memory() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
      return lines.stream().filter(l -> l.startsWith("MemTotal")).findFirst()
          .map(l -> String.format("%.1f GiB total", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
