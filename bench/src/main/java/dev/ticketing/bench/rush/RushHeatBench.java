package dev.ticketing.bench.rush;

import dev.ticketing.bench.support.Report;
import dev.ticketing.engine.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of the queue under a rush, every queue design side by side in one run
 * (section {@code rush}, "Rush at scale"):
 * <ol>
 *   <li>Heat per item: joins offered open loop at several rates, then several numbers of pollers
 *       polling back to back, maintenance rounds every ADMISSION_ROUND_SECONDS; {@link HeatMeter}
 *       finds the hottest base partition, item and index partition of each point; growth figures on
 *       achieved rates; last line {@code rush-heat: joins-growth=<x> polls-growth=<y>}.
 *   <li>Under {@link ScaledThrottle}: joins at 20x the scaled per-partition write limit plus 1,000
 *       pollers; share of joins that succeeded, time from join to place, order inversions; last line
 *       {@code rush-throttled: joins-ok=<pct> placed-p99=<s>s placed-max=<s>s inversions=<n>}.
 *   <li>The all-in cost of a rush of a million users ({@link RushCost}).
 * </ol>
 * One dynoxide per design and part on 127.0.0.1, every load bounded in time and count.
 */
public final class RushHeatBench {
  private final Report report;
  private final boolean quick;
  private final List<QueueDesign> designs;
  private final SamTemplate template = SamTemplate.locate();

  public RushHeatBench(Report report, boolean quick) {
    this(report, quick, List.of(new NewQueueDesign(), new LegacyQueueDesign()));
  }

  /** With other designs, e.g. an experiment beside the two: the report names each by {@link QueueDesign#name()}. */
  RushHeatBench(Report report, boolean quick, List<QueueDesign> designs) {
    this.report = report;
    this.quick = quick;
    this.designs = List.copyOf(designs);
  }

  public void run() throws Exception {
    report.heading("Rush at scale");
    report.line("The three measurements of the rush, for each queue design in the same run: %s (the legacy one is a model of the "
            + "queue's storage requests with one counter per concert, `bench/.../rush/LegacyQueueDesign`, kept for contrast). Each design runs "
            + "on its own dynoxide (127.0.0.1) with a fresh table per point, made from template.yaml, and the functions' "
            + "environment from template.yaml. Calls go to the designs' use cases directly (no HTTP), through a client "
            + "configured as production's (`DynamoDbClients`: URL-connection, 3 s per attempt, 8 s per call, the SDK's "
            + "DynamoDB retries). Function instances are modelled as request rate x handler time (Little's law), the handler "
            + "time measured first with one call at a time, at least one instance per function; each instance has its own object "
            + "graph and caches, and requests are spread over them at random. Maintenance rounds run every "
            + "ADMISSION_ROUND_SECONDS on their own instance.%s",
        String.join(", ", designs.stream().map(d -> "**" + d.name() + "**").toList()),
        quick ? " **--quick: short windows, not for the record.**" : "");
    HeatSweep sweep = new HeatSweep(report, template, quick);
    Map<QueueDesign, Calibration> calibrations = new LinkedHashMap<>();
    Map<QueueDesign, List<HeatSweep.HeatPoint>> heat = new LinkedHashMap<>();
    List<QueueDesign> missing = new ArrayList<>();

    report.subheading("Heat per item");
    for (QueueDesign design : designs) {
      try {
        sweep.run(design, calibrations, heat);
      } catch (UnsupportedOperationException e) {
        missing.add(design);
        report.progress("%s: missing (%s)", design.name(), e.getMessage());
      }
    }
    lastLines("rush-heat", sweep.print(heat, calibrations), missing);

    report.subheading("Under scaled throttling");
    ThrottledRush throttledRush = new ThrottledRush(report, template, quick);
    Map<QueueDesign, ThrottledRush.Throttled> throttled = new LinkedHashMap<>();
    for (QueueDesign design : heat.keySet()) {
      throttled.put(design, throttledRush.run(design, calibrations.get(design).handlerTimes()));
    }
    lastLines("rush-throttled", throttledRush.print(throttled), missing);

    report.subheading("All-in cost of a rush");
    RushCost.Design before = RushCost.legacyRecorded();
    RushCost.Design after = RushCost.newEstimated();
    for (Map.Entry<QueueDesign, Calibration> c : calibrations.entrySet()) {
      if (c.getKey() instanceof LegacyQueueDesign) {
        before = before.withMeasured(c.getValue().joinCost(), c.getValue().pollCost(),
            "join and poll measured in this run (one call at a time); per-user admission and idle rounds from docs/performance.md");
      } else {
        Calibration m = c.getValue();
        after = after.withMeasured(m.joinCost(), m.pollCost(),
            "join and poll measured in this run (one call at a time)")
            .withMaintenance(m.placementReadUnitsPerUser(), m.placementWriteUnitsPerUser(), m.idleRound().readUnits(),
                m.idleRound().writeUnits(), String.format(java.util.Locale.ROOT,
                    "; placement per user and an idle round measured in this run (%d users placed by one round, one "
                        + "admitted); admission per user as with one counter per concert (docs/performance.md)", m.placed()));
      }
    }
    RushCost.print(report, RushScenario.Crowd.standard(), List.of(before, after), RushWiring.lambda(template));
  }

  /** One line per measured design; the new design's line in the format last (or that it is missing). */
  private void lastLines(String name, Map<QueueDesign, String> lines, List<QueueDesign> missing) {
    lines.forEach((design, line) -> {
      if (design instanceof LegacyQueueDesign) {
        report.line("%s (%s): %s", name, design.name(), line);
      }
    });
    lines.forEach((design, line) -> {
      if (!(design instanceof LegacyQueueDesign)) {
        report.line("%s: %s", name, line);
      }
    });
    if (lines.keySet().stream().allMatch(d -> d instanceof LegacyQueueDesign)) {
      report.line("%s: missing — %s is not plugged in yet (rush/NewQueueDesign.java is an empty slot)",
          name, missing.stream().map(QueueDesign::name).findFirst().orElse("the new design"));
    }
  }
}
