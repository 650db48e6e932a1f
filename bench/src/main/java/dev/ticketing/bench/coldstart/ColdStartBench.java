package dev.ticketing.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Fixtures;
import dev.ticketing.bench.support.Lambda;
import dev.ticketing.bench.support.Report;
import dev.ticketing.bench.support.Stats;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.testing.TestComponent;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start: for each function, fresh JVMs (one after the other, never in parallel) with
 * functions.jar on the class path, against one dynoxide on a seeded table, each handling one
 * request; the median of several runs per start-up measure.
 */
public final class ColdStartBench {
  private static final String TABLE = "bench-coldstart";
  private static final String CONCERT = "winter-gala";
  private static final Pattern RESULT = Pattern.compile(
      "RESULT status=(\\S+) initMs=(\\S+) primeMs=(\\S+) firstMs=(\\S+) cpuMs=(\\S+) heapMb=(\\S+) rssMb=(\\S+)");
  /** Functions the other measures are compared on: the hottest read, the hold, a charge. */
  private static final Pattern WARM = Pattern.compile("WARM cpuUs=(\\S+) wallUs=(\\S+)");
  /** Functions whose request changes nothing, so it can be repeated to measure a warm request. */
  private static final List<String> READ_ONLY = List.of("ListConcertsFunction", "QueueStatusFunction", "GetBalanceFunction",
      "ListBookableDatesFunction", "ShowSeatMapFunction", "ShowReservationFunction", "ListPaymentsFunction");
  private static final int WARM_REQUESTS = 300;
  private static final List<String> REPRESENTATIVE = List.of("QueueStatusFunction", "ReserveSeatFunction", "ChargeBalanceFunction");

  private final Report report;
  private final boolean quick;
  private final int runs;
  private final Path work;

  /** One way of starting a function. */
  record Variant(String name, List<String> jvmFlags, boolean apache, boolean prime, boolean appCds) {}

  /** What one fresh JVM reported. */
  record Run(double spawnToReadyMs, double spawnToHandledMs, String status, double initMs, double primeMs, double firstMs,
      long cpuMs, long heapMb, long rssMb, double warmCpuUs, double warmWallUs) {}

  static final Variant C1 = new Variant("C1 only (Lambda's java21 default)", List.of("-XX:TieredStopAtLevel=1"), false, false, false);
  static final Variant C1_PRIMED = new Variant("C1 only + priming", List.of("-XX:TieredStopAtLevel=1"), false, true, false);
  static final Variant C2 = new Variant("full tiered C1+C2 (JDK default)", List.of(), false, false, false);
  static final Variant C2_PRIMED = new Variant("full tiered + priming", List.of(), false, true, false);
  static final Variant APACHE = new Variant("C1 only + Apache HTTP client", List.of("-XX:TieredStopAtLevel=1"), true, false, false);
  static final Variant APP_CDS = new Variant("C1 only + AppCDS archive", List.of("-XX:TieredStopAtLevel=1"), false, false, true);
  /** What metrics cost a start: the same wiring with metrics that emit nothing (probe.NoMetricsWiring). */
  static final Variant C1_NO_METRICS = new Variant("C1 only, metrics off", List.of("-XX:TieredStopAtLevel=1", "-Dbench.metrics=off"),
      false, false, false);
  static final Variant C1_PRIMED_NO_METRICS = new Variant("C1 only + priming, metrics off",
      List.of("-XX:TieredStopAtLevel=1", "-Dbench.metrics=off"), false, true, false);
  /**
   * Compared with metrics off: requests that emit metrics (a join, a hold, a maintenance round), and
   * the status poll, which emits none but, like every request, reports its attempts to the SDK's
   * metrics (for the throttled ones): its warm CPU shows what that costs the hottest route.
   */
  private static final List<String> METRICS_COMPARED = List.of("JoinQueueFunction", "ReserveSeatFunction", "MaintenanceFunction",
      "QueueStatusFunction");
  /** {@code -Dbench.functions=A,B}: only these functions (all by default). */
  private static final List<String> ONLY = java.util.Arrays.stream(System.getProperty("bench.functions", "").split(","))
      .filter(name -> !name.isBlank()).toList();

  public ColdStartBench(Report report, boolean quick) {
    this.report = report;
    this.quick = quick;
    this.runs = quick ? 1 : 5;
    try {
      this.work = Files.createTempDirectory("bench-coldstart");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void run() throws Exception {
    report.heading("2. Cold start");
    Path functionsJar = ProjectFiles.findUpwards(Path.of("functions", "target", "functions.jar"))
        .orElseThrow(() -> new IllegalStateException("build first: mvn -B -q package -DskipTests"));
    Path probeJar;
    List<Path> apacheJars;
    Path benchTarget = ProjectFiles.findUpwards(Path.of("bench", "target")).orElseThrow();
    try (Stream<Path> files = Files.list(benchTarget)) {
      probeJar = files.filter(p -> p.getFileName().toString().endsWith("-probe.jar")).findFirst().orElseThrow();
    }
    try (Stream<Path> files = Files.list(benchTarget.resolve("apache-client"))) {
      apacheJars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }

    try (BenchEngine engine = BenchEngine.start(); DynamoDbClient client = engine.client()) {
      engine.createTable(TABLE);
      Map<String, String> appEnv = Map.of("QUEUE_MAX_ACTIVE", "100000", "ACTIVE_TTL_SECONDS", "86400");
      TestComponent app = BenchEngine.app(client, TABLE, Clock.systemUTC(), appEnv);
      ObjectMapper json = app.objectMapper();
      SeedCatalog catalog = DemoCatalog.create(Clock.systemUTC());
      app.catalogSeeder().seed(catalog);
      List<String> dates = catalog.concerts().get(0).schedules().stream().map(SeedCatalog.SeedSchedule::scheduleId).toList();
      Map<String, String> tokens = Fixtures.admitted(app, CONCERT, List.of("cold-a", "cold-b"), 2);
      Fixtures.useOnce(app, CONCERT, tokens);
      String reservationId = app.reserveSeat().reserve("cold-b", ReserveRequest.of(CONCERT, dates.get(4), 50),
          QueueTokenId.parse(tokens.get("cold-b"))).reservation().reservationId();
      AtomicInteger seats = new AtomicInteger();
      AtomicInteger payers = new AtomicInteger();
      AtomicInteger holders = new AtomicInteger();

      Map<String, IntFunction<ApiGatewayRequest>> events = new LinkedHashMap<>();
      events.put("GET /concerts", run -> ApiGatewayEvents.request("GET", "/concerts").build());
      events.put("POST /concerts/{concertId}/queue/tokens", run -> ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens")
          .user("cold-joiner-" + run).path("concertId", CONCERT).build());
      events.put("GET /queue/status", run -> ApiGatewayEvents.request("GET", "/queue/status").user("cold-a").header("x-queue-token", tokens.get("cold-a")).build());
      events.put("GET /users/me/balance", run -> ApiGatewayEvents.request("GET", "/users/me/balance").user("cold-a").build());
      events.put("POST /users/me/balance/charges", run -> ApiGatewayEvents.request("POST", "/users/me/balance/charges").user("cold-a")
          .body("{\"amount\":1000}").build());
      events.put("GET /concerts/{concertId}/schedules", run -> ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules")
          .user("cold-a").header("x-queue-token", tokens.get("cold-a")).path("concertId", CONCERT).build());
      events.put("GET /concerts/{concertId}/schedules/{scheduleId}/seats", run -> ApiGatewayEvents.request("GET",
          "/concerts/{concertId}/schedules/{scheduleId}/seats").user("cold-a").header("x-queue-token", tokens.get("cold-a"))
          .path("concertId", CONCERT).path("scheduleId", dates.get(0)).build());
      events.put("POST /reservations", run -> {
        // A holder of their own per run: one user may hold at most MAX_TICKETS_PER_USER seats.
        String user = "cold-holder-" + holders.getAndIncrement();
        Map<String, String> token = Fixtures.admitted(app, CONCERT, List.of(user), 1);
        Fixtures.useOnce(app, CONCERT, token);
        int seat = seats.getAndIncrement();
        return ApiGatewayEvents.request("POST", "/reservations").user(user).header("x-queue-token", token.get(user))
            .body("{\"concertId\":\"" + CONCERT + "\",\"scheduleId\":\"" + dates.get(seat / 49) + "\",\"seatNos\":[" + (1 + seat % 49) + "]}")
            .build();
      });
      events.put("GET /reservations/{reservationId}", run -> ApiGatewayEvents.request("GET", "/reservations/{reservationId}")
          .user("cold-b").path("reservationId", reservationId).build());
      events.put("GET /users/me/payments", run -> ApiGatewayEvents.request("GET", "/users/me/payments").user("cold-b").build());
      events.put("POST /payments", run -> {
        String user = "cold-payer-" + payers.getAndIncrement();
        String token = Fixtures.admitted(app, CONCERT, List.of(user), 1).get(user);
        app.chargeBalance().charge(user, dev.ticketing.wallet.IdempotencyKey.ofRequest(user),
            new dev.ticketing.wallet.ChargeRequest(200_000L));
        int seat = seats.getAndIncrement();
        String held = app.reserveSeat().reserve(user, ReserveRequest.of(CONCERT, dates.get(seat / 49), 1 + seat % 49),
            QueueTokenId.parse(token)).reservation().reservationId();
        return ApiGatewayEvents.request("POST", "/payments").user(user).header("x-queue-token", token).body("{\"reservationId\":\"" + held + "\"}").build();
      });

      Map<String, String> env = new LinkedHashMap<>();
      env.put("TABLE_NAME", TABLE);
      env.put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
      env.put("AWS_REGION", "us-east-1");
      env.putAll(appEnv);
      // One round per maintenance invocation, as locally: its start-up, not 50 s of rounds.
      env.put("MAINTENANCE_RUN_SECONDS", "0");

      List<FunctionDefinition> functions = engine.template().functions().stream()
          .filter(f -> !quick || f.logicalId().equals("QueueStatusFunction") || f.logicalId().equals("ReserveSeatFunction"))
          .filter(f -> ONLY.isEmpty() || ONLY.contains(f.logicalId()))
          .toList();
      Map<String, Map<Variant, List<Run>>> results = new LinkedHashMap<>();
      Map<String, Long> archiveBytes = new LinkedHashMap<>();
      for (FunctionDefinition function : functions) {
        IntFunction<byte[]> event;
        if (!function.schedules().isEmpty()) {
          byte[] scheduled = Files.readAllBytes(ProjectFiles.findUpwards(Path.of("events", "maintenance-schedule.json")).orElseThrow());
          event = run -> scheduled;
        } else {
          IntFunction<ApiGatewayRequest> build = events.get(function.routes().get(0).routeKey());
          if (build == null) {
            report.line("(no benchmark event for %s yet: skipped)", function.logicalId());
            continue;
          }
          event = run -> {
            try {
              return json.writeValueAsBytes(build.apply(run));
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          };
        }
        List<Variant> variants = new ArrayList<>(List.of(C1, C1_PRIMED));
        if (REPRESENTATIVE.contains(function.logicalId())) {
          variants.addAll(quick ? List.of(APACHE) : List.of(C2, C2_PRIMED, APACHE, APP_CDS));
        }
        if (METRICS_COMPARED.contains(function.logicalId())) {
          variants.addAll(List.of(C1_NO_METRICS, C1_PRIMED_NO_METRICS));
        }
        Path archive = work.resolve(function.logicalId() + ".jsa");
        if (variants.contains(APP_CDS)) {
          // Training run: the classes one request loads, dumped into a dynamic AppCDS archive at exit.
          launch(function, event.apply(1000), functionsJar, probeJar, apacheJars, env,
              new Variant("training", List.of("-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + archive), false, false, false),
              null);
          archiveBytes.put(function.logicalId(), Files.size(archive));
        }
        Map<Variant, List<Run>> byVariant = new LinkedHashMap<>();
        int counter = 0;
        for (int round = 0; round < runs; round++) {
          for (Variant variant : variants) {
            Run run = launch(function, event.apply(counter++), functionsJar, probeJar, apacheJars, env, variant,
                variant.appCds() ? archive : null);
            byVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(run);
          }
        }
        results.put(function.logicalId(), byVariant);
        report.progress("%s: %s", function.logicalId(), byVariant.get(C1).get(0));
      }
      print(results, functionsJar, apacheJars, archiveBytes);
      longRun(engine.template().functions().stream().filter(f -> f.logicalId().equals("QueueStatusFunction")).findFirst()
          .orElseThrow(), events.get("GET /queue/status"), json, functionsJar, probeJar, apacheJars, env);
    }
  }

  /** C1 only against full tiered over many requests of one instance: where does each settle? */
  private void longRun(FunctionDefinition function, IntFunction<ApiGatewayRequest> build, ObjectMapper json, Path functionsJar,
      Path probeJar, List<Path> apacheJars, Map<String, String> env) throws Exception {
    int requests = quick ? 1000 : 5000;
    int repeats = quick ? 1 : 3;
    Map<Variant, List<Run>> byVariant = new LinkedHashMap<>();
    for (int round = 0; round < repeats; round++) {
      for (Variant variant : List.of(C1, C2)) {
        byVariant.computeIfAbsent(variant, v -> new ArrayList<>()).add(launch(function, json.writeValueAsBytes(build.apply(round)),
            functionsJar, probeJar, apacheJars, env, variant, null, requests));
      }
    }
    report.subheading("C1 only or full tiered, over a longer life");
    report.line("One %s JVM handles %,d status polls to warm up, then %,d more are measured (process CPU, all threads, and "
        + "wall time per poll; median of %d JVMs). The cold-start table above measures after 300.", function.logicalId(),
        requests, requests, repeats);
    report.blank();
    Report.Table table = report.table("compilation", "CPU per poll (µs)", "wall per poll (µs)", "first request (ms)");
    byVariant.forEach((variant, runs) -> table.row(variant.name(), Report.f1(median(runs, Run::warmCpuUs)),
        Report.f1(median(runs, Run::warmWallUs)), Report.f1(median(runs, Run::firstMs))));
    table.print();
  }

  private Run launch(FunctionDefinition function, byte[] event, Path functionsJar, Path probeJar, List<Path> apacheJars,
      Map<String, String> env, Variant variant, Path archive) throws Exception {
    int warm = (variant == C1 || variant == C2 || variant == C1_NO_METRICS) && READ_ONLY.contains(function.logicalId())
        ? WARM_REQUESTS : 0;
    return launch(function, event, functionsJar, probeJar, apacheJars, env, variant, archive, warm);
  }

  private Run launch(FunctionDefinition function, byte[] event, Path functionsJar, Path probeJar, List<Path> apacheJars,
      Map<String, String> env, Variant variant, Path archive, int warm) throws Exception {
    Path eventFile = Files.createTempFile(work, "event", ".json");
    Files.write(eventFile, event);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");  // what Lambda's Java runtimes use by default
    command.addAll(variant.jvmFlags());
    if (archive != null) {
      command.add("-XX:SharedArchiveFile=" + archive);
    }
    List<String> classPath = new ArrayList<>(List.of(functionsJar.toString(), probeJar.toString()));
    if (variant.apache()) {
      apacheJars.forEach(jar -> classPath.add(jar.toString()));
    }
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "dev.ticketing.bench.probe.ColdStartProbe",
        function.handlerClass(), eventFile.toString(), variant.apache() ? "apache" : "url", variant.prime() ? "prime" : "noprime",
        Integer.toString(warm)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    double ready = Double.NaN;
    double handled = Double.NaN;
    Matcher result = null;
    Matcher warmResult = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        double at = (System.nanoTime() - started) / 1e6;
        if (line.equals("READY")) {
          ready = at;
        } else if (line.equals("HANDLED")) {
          handled = at;
        } else if (line.startsWith("RESULT")) {
          Matcher m = RESULT.matcher(line);
          if (m.find()) {
            result = m;
          }
        } else if (line.startsWith("WARM")) {
          Matcher m = WARM.matcher(line);
          if (m.find()) {
            warmResult = m;
          }
        } else if (output.length() < 4000) {
          output.append(line).append('\n');
        }
      }
    } finally {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (result == null) {
      throw new IllegalStateException(function.logicalId() + " (" + variant.name() + ") produced no result:\n" + output);
    }
    String status = result.group(1);
    if (!status.equals("ok") && !status.startsWith("2")) {
      throw new IllegalStateException(function.logicalId() + " (" + variant.name() + ") answered " + status + "\n" + output);
    }
    return new Run(ready, handled, status, Double.parseDouble(result.group(2)), Double.parseDouble(result.group(3)),
        Double.parseDouble(result.group(4)), Long.parseLong(result.group(5)), Long.parseLong(result.group(6)),
        Long.parseLong(result.group(7)), warmResult == null ? Double.NaN : Double.parseDouble(warmResult.group(1)),
        warmResult == null ? Double.NaN : Double.parseDouble(warmResult.group(2)));
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
    return Stats.median(runs.stream().mapToDouble(value).toArray());
  }

  private void print(Map<String, Map<Variant, List<Run>>> results, Path functionsJar, List<Path> apacheJars,
      Map<String, Long> archiveBytes) throws IOException {
    report.line("Fresh JVM per run (`java -XX:+UseSerialGC [flags] -cp functions.jar:probe`), run one after another against "
        + "dynoxide on a seeded table; the probe builds the handler with its no-argument constructor (the Lambda init phase), "
        + "then hands it one API Gateway event. **Spawn → handled**: from starting the process to the first response "
        + "written (includes JVM boot); **init**: main() to the handler built; **first request**: handling the one event "
        + "in-JVM. Median of %d run%s per cell. No CRaC-capable JDK runs here, so SnapStart priming is measured by "
        + "running the same priming routine (`Priming.run()`, what `beforeCheckpoint` calls) in the fresh JVM before the "
        + "first request: on Lambda init and priming happen before the snapshot, so **first request after priming** "
        + "approximates the first invoke after a restore (restore itself not included).", runs, runs == 1 ? "" : "s");
    report.blank();
    Report.Table table = report.table("function", "spawn → handled (ms)", "init (ms)", "first request (ms)", "CPU, whole JVM (ms)",
        "peak RSS (MB)", "priming (ms)", "first request after priming (ms)", "spawn → handled, primed (ms)",
        "warm request: CPU / wall (µs)");
    for (Map.Entry<String, Map<Variant, List<Run>>> entry : results.entrySet()) {
      List<Run> plain = entry.getValue().get(C1);
      List<Run> primed = entry.getValue().get(C1_PRIMED);
      table.row(entry.getKey(), Report.f1(median(plain, Run::spawnToHandledMs)), Report.f1(median(plain, Run::initMs)),
          Report.f1(median(plain, Run::firstMs)), Report.f1(median(plain, r -> r.cpuMs())), Report.f1(median(plain, r -> r.rssMb())),
          Report.f1(median(primed, Run::primeMs)), Report.f1(median(primed, Run::firstMs)),
          Report.f1(median(primed, Run::spawnToHandledMs)),
          Double.isNaN(median(plain, Run::warmCpuUs)) ? "" : Report.f1(median(plain, Run::warmCpuUs)) + " / "
              + Report.f1(median(plain, Run::warmWallUs)));
    }
    report.line("With `-XX:TieredStopAtLevel=1` (C1 only), which Lambda's java21 runtime applies by default. **Warm request**: "
        + "for functions whose request changes nothing, the same request " + WARM_REQUESTS + " more times after "
        + WARM_REQUESTS + " warm-up ones, process CPU (all threads: JIT, GC) and wall time per request against dynoxide on "
        + "loopback.");
    report.blank();
    table.print();

    report.subheading("Start-up measures compared");
    Report.Table measures = report.table("function", "measure", "spawn → handled (ms)", "init (ms)", "first request (ms)",
        "priming (ms)", "CPU (ms)", "peak RSS (MB)", "warm request: CPU / wall (µs)");
    for (Map.Entry<String, Map<Variant, List<Run>>> entry : results.entrySet()) {
      if (entry.getValue().size() <= 2) {
        continue;
      }
      entry.getValue().forEach((variant, runsOf) -> measures.row(entry.getKey(), variant.name(),
          Report.f1(median(runsOf, Run::spawnToHandledMs)), Report.f1(median(runsOf, Run::initMs)),
          Report.f1(median(runsOf, Run::firstMs)), variant.prime() ? Report.f1(median(runsOf, Run::primeMs)) : "",
          Report.f1(median(runsOf, r -> r.cpuMs())), Report.f1(median(runsOf, r -> r.rssMb())),
          Double.isNaN(median(runsOf, Run::warmCpuUs)) ? "" : Report.f1(median(runsOf, Run::warmCpuUs)) + " / "
              + Report.f1(median(runsOf, Run::warmWallUs))));
    }
    measures.print();

    printMetricsCost(results);

    report.subheading("Deployment size");
    long apacheBytes = 0;
    for (Path jar : apacheJars) {
      apacheBytes += Files.size(jar);
    }
    Report.Table sizes = report.table("artifact", "size");
    sizes.row("`functions/target/functions.jar` (every function's CodeUri)", mb(Files.size(functionsJar)));
    sizes.row("+ Apache HTTP client and its dependencies, if it were used", "+" + mb(apacheBytes));
    archiveBytes.forEach((fn, bytes) -> sizes.row("+ AppCDS archive of " + fn + " (per function, tied to the exact JVM build)",
        "+" + mb(bytes)));
    sizes.print();
  }

  /** The same functions started with their metrics and with metrics that emit nothing, side by side. */
  private void printMetricsCost(Map<String, Map<Variant, List<Run>>> results) {
    report.subheading("What the metrics cost a start");
    report.line("Functions whose request emits metrics, and the status poll, started as above and with metrics that emit "
        + "nothing (the same wiring with `Metrics.NONE`, `-Dbench.metrics=off`, under which the SDK collects no per-call "
        + "metrics either): **on / off**, medians of %d runs each. The priming serializes one metric document, so a primed "
        + "first request finds the serializer loaded. A difference within the spread of the runs (the table above, run to "
        + "run) is noise, not a cost.", runs);
    report.blank();
    Report.Table table = report.table("function", "spawn → handled (ms)", "first request (ms)", "CPU, whole JVM (ms)",
        "priming (ms)", "first request after priming (ms)", "spawn → handled, primed (ms)", "warm request CPU (µs)");
    results.forEach((function, byVariant) -> {
      if (!byVariant.containsKey(C1_NO_METRICS)) {
        return;
      }
      List<Run> on = byVariant.get(C1);
      List<Run> off = byVariant.get(C1_NO_METRICS);
      List<Run> primedOn = byVariant.get(C1_PRIMED);
      List<Run> primedOff = byVariant.get(C1_PRIMED_NO_METRICS);
      table.row(function, onOff(on, off, Run::spawnToHandledMs), onOff(on, off, Run::firstMs), onOff(on, off, r -> r.cpuMs()),
          onOff(primedOn, primedOff, Run::primeMs), onOff(primedOn, primedOff, Run::firstMs),
          onOff(primedOn, primedOff, Run::spawnToHandledMs),
          Double.isNaN(median(on, Run::warmCpuUs)) ? "" : onOff(on, off, Run::warmCpuUs));
    });
    table.print();
  }

  private static String onOff(List<Run> on, List<Run> off, java.util.function.ToDoubleFunction<Run> value) {
    return Report.f1(median(on, value)) + " / " + Report.f1(median(off, value));
  }

  private static String mb(long bytes) {
    return Report.f2(bytes / 1024.0 / 1024.0) + " MB";
  }

  static List<Integer> indices(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
