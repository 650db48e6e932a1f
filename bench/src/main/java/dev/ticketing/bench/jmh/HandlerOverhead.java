package dev.ticketing.bench.jmh;

import dev.ticketing.bench.support.Functions;
import dev.ticketing.bench.support.Report;
import dev.ticketing.engine.SamTemplate;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link HandlerBenchmarks} with JMH (forked JVMs) and prints CPU and allocation per request. */
public final class HandlerOverhead {
  private final Report report;
  private final boolean quick;

  public HandlerOverhead(Report report, boolean quick) {
    this.report = report;
    this.quick = quick;
  }

  static Map<String, String> handlersByRoute() {
    return Functions.handlersByRoute(SamTemplate.locate());
  }

  public void run() throws Exception {
    report.heading("4. Handler overhead without storage (JMH)");
    List<String> routes = new ArrayList<>(handlersByRoute().keySet());
    routes.removeIf(route -> !HandlerBenchmarks.EVENTS.containsKey(route));
    Map<String, List<String>> configurations = new LinkedHashMap<>();
    configurations.put("C1 only (Lambda's default)", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    if (!quick) {
      configurations.put("full tiered C1+C2", List.of("-XX:+UseSerialGC"));
    }
    Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> configuration : configurations.entrySet()) {
      report.progress("JMH, %s: %d handlers", configuration.getKey(), routes.size());
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(HandlerBenchmarks.class.getName())
          .param("route", routes.toArray(String[]::new))
          .forks(1)
          .jvmArgs(configuration.getValue().toArray(String[]::new))
          .warmupIterations(quick ? 1 : 3)
          .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
          .measurementIterations(quick ? 2 : 5)
          .measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
          .addProfiler(GCProfiler.class)
          .shouldFailOnError(true)
          .verbosity(VerboseMode.SILENT);
      Collection<RunResult> results = new Runner(options.build(),
          OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT)).run();
      Map<String, double[]> byRoute = new LinkedHashMap<>();
      for (RunResult result : results) {
        String route = result.getParams().getParam("route");
        Result<?> primary = result.getPrimaryResult();
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        byRoute.put(route, new double[] {primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()});
      }
      scores.put(configuration.getKey(), byRoute);
    }
    report.line("JMH 1.37, average time per call of the handler's Lambda entry point (`handleRequest`: JSON event bytes in, "
            + "JSON response bytes out), one thread, forked JVM with `-XX:+UseSerialGC`, %d warm-up and %d measured "
            + "iterations. Storage is a `DynamoDbClient` that returns fixed `GetItemResponse`/`QueryResponse`/"
            + "`TransactWriteItemsResponse` objects, so the SDK's marshalling and HTTP are not in these numbers (they are in "
            + "the cold-start and throughput sections). One benchmark thread, so time per call is CPU per call, as far as the "
            + "shared machine leaves the core to it: read the error margins.",
        quick ? 1 : 3, quick ? 2 : 5);
    report.blank();
    List<String> columns = new ArrayList<>(List.of("endpoint"));
    scores.keySet().forEach(name -> {
      columns.add(name + ": µs per call");
      columns.add(name + ": bytes allocated per call");
    });
    Report.Table table = report.table(columns.toArray(String[]::new));
    for (String route : routes) {
      List<Object> row = new ArrayList<>(List.of(route));
      scores.values().forEach(byRoute -> {
        double[] s = byRoute.get(route);
        row.add(s == null ? "" : Report.f1(s[0]) + " ± " + Report.f1(s[1]));
        row.add(s == null ? "" : String.format("%,.0f", s[2]));
      });
      table.row(row.toArray());
    }
    table.print();
  }
}
