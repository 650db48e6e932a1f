package dev.ticketing.bench;

import dev.ticketing.bench.coldstart.ColdStartBench;
import dev.ticketing.bench.cost.CostBench;
import dev.ticketing.bench.load.ThroughputBench;
import dev.ticketing.bench.replay.ControlReplay;
import dev.ticketing.bench.replay.OpeningReplay;
import dev.ticketing.bench.replay.RushReplay;
import dev.ticketing.bench.replay.RushPrice;
import dev.ticketing.bench.replay.WallClockRush;
import dev.ticketing.bench.support.Machine;
import dev.ticketing.bench.support.Report;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark command (see docs/performance.md):
 * {@code java -jar bench/target/bench.jar [--quick] [--only cost,coldstart,throughput,replay,opening] [--out FILE]}
 * ({@code --only replay}: the rush replayed in virtual time, and its control if {@code bench/control.sh}
 * built it; {@code --only opening}: the opening replayed in virtual time; also, run only when named:
 * {@code --only wallclock}: the rush against the local runtime in real time, 60 s or 20 s;
 * {@code --only rush-price}: what a rush of a million users costs, from per-user counts of a small replay),
 * run from the project root after {@code mvn -B -q package -DskipTests}. Everything it starts (dynoxide,
 * fresh JVMs, the local runtime) listens on or talks to 127.0.0.1 only, is bounded in time and
 * count, and is stopped before it exits.
 */
public final class Main {
  private static final List<String> SECTIONS = List.of("cost", "coldstart", "throughput", "replay", "opening");
  /** Sections run only when named with --only. */
  private static final List<String> EXTRA_SECTIONS = List.of("wallclock", "rush-price");

  private Main() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>(SECTIONS);
    Path out = Path.of("bench", "target", "bench-report.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: java -jar bench/target/bench.jar [--quick] [--only " + String.join(",", SECTIONS)
              + "] [--out FILE]  (also --only " + String.join(",", EXTRA_SECTIONS) + ")");
          System.exit(2);
        }
      }
    }
    // Handlers and the local runtime log JSON lines to standard output: keep them out of the report
    // (they are still formatted, so their cost stays in the measurements).
    PrintStream terminal = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    Report report = new Report(terminal);
    Instant started = Instant.now();
    report.line("# Benchmark run " + started + (quick ? " (--quick: fewer runs, shorter loads; not for the record)" : " (full)"));
    Machine.describe(report);
    if (only.contains("cost")) {
      new CostBench(report, 60).run();
    }
    if (only.contains("coldstart")) {
      new ColdStartBench(report, quick).run();
    }
    if (only.contains("throughput")) {
      new ThroughputBench(report, quick).run();
    }
    if (only.contains("replay")) {
      new RushReplay(report, quick, "rush-replay").run();
      // The control (the queue before "placement without a write per placed user"), if bench/control.sh built it.
      ControlReplay.runIfBuilt(report, quick);
    }
    if (only.contains("opening")) {
      new OpeningReplay(report, quick).run();
    }
    if (only.contains("wallclock")) {
      new WallClockRush(report, quick).run();
    }
    if (only.contains("rush-price")) {
      new RushPrice(report, quick).run();
    }
    report.blank();
    report.line("Finished in %d s.", Duration.between(started, Instant.now()).toSeconds());
    report.save(out);
    terminal.println("(report saved to " + out + ")");
    System.exit(0);
  }
}
