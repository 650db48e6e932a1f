package dev.ticketing.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.catalog.seed.CatalogFile;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code invoke <LogicalId> --event FILE [--env-vars FILE] [--catalog FILE] [--prepare]}: what
 * {@code sam local invoke} does, without Docker. The function's handler and environment come from
 * template.yaml ({@link LocalFunctions}); it runs in-process against the embedded engine (or
 * {@code DYNAMODB_ENDPOINT}, or the file {@code DYNOXIDE_DB_PATH} names) with the demo catalogue,
 * or the one {@code --catalog} names, seeded where missing. The response goes to stdout, the
 * function's logs and this command's messages to stderr.
 * <ul>
 *   <li>{@code --env-vars FILE}: SAM's format, a JSON object of {@code "Parameters"} (for every
 *   function) and objects keyed by logical id (for that one, winning); like SAM, only variables the
 *   template declares for the function are overridden, others are reported and ignored.
 *   <li>{@code --prepare}: first makes what the event names ({@link EventPreparation}).
 * </ul>
 * Locally the scheduled function runs one round ({@code MAINTENANCE_RUN_SECONDS} 0, as the
 * runtime's scheduler runs it) unless the process environment or {@code --env-vars} sets another
 * run; stderr says what it is doing while it works, and every few seconds of a long invocation.
 * Exit status: 0 when the function answered (an HTTP function with any status below 500), 1 when it
 * failed (it threw: its error on stdout as Lambda reports one; or an HTTP function answered 5xx)
 * or the storage could not be reached, 2 for a bad invocation (unknown function, missing or
 * malformed file, a record {@code --prepare} cannot make).
 */
final class InvokeCommand {
  static final String USAGE = "usage: java -jar concert-local.jar invoke <LogicalId> --event FILE"
      + " [--env-vars FILE] [--catalog FILE] [--prepare]";

  private static final String MAINTENANCE_RUN = "MAINTENANCE_RUN_SECONDS";

  private final PrintStream out;
  private final PrintStream err;
  private final ObjectMapper json = JsonMapper.create();

  private InvokeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  private record Options(String logicalId, Path event, Optional<Path> envVars, Optional<Path> catalog, boolean prepare) {}

  /** A bad invocation: nothing ran. */
  private static final class Bad extends Exception {
    Bad(String message) {
      super(message);
    }
  }

  /** How often a long invocation says it is still running. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  static int run(String[] args, Map<String, String> processEnvironment, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(LocalMain::isHelp)) {
      out.println(USAGE);
      out.println("  Runs one function of template.yaml with one event (the samples are in events/); --prepare first"
          + " makes the token and reservation the event names. The scheduled function runs one round unless"
          + " MAINTENANCE_RUN_SECONDS is set.");
      return 0;
    }
    return new InvokeCommand(out, err).run(args, processEnvironment);
  }

  /**
   * What stderr says before the function runs: its name and, for the scheduled function, how long
   * its invocation goes on (one round locally, unless told otherwise).
   */
  static String announcement(FunctionDefinition function, Map<String, String> environment) {
    if (function.schedules().isEmpty()) {
      return "invoke: running " + function.logicalId();
    }
    Settings settings = Settings.fromEnvironment(environment);
    if (settings.maintenanceRun().isZero()) {
      return "invoke: running " + function.logicalId() + ": one maintenance round (MAINTENANCE_RUN_SECONDS=0)";
    }
    return "invoke: running " + function.logicalId() + ": maintenance rounds every "
        + settings.admissionRound().toSeconds() + " s for up to " + settings.maintenanceRun().toSeconds()
        + " s (MAINTENANCE_RUN_SECONDS=" + settings.maintenanceRun().toSeconds() + "), as deployed; Ctrl-C stops it";
  }

  private int run(String[] args, Map<String, String> processEnvironment) {
    Options options;
    FunctionDefinition function;
    byte[] event;
    Map<String, String> environment;
    SeedCatalog catalog;
    try {
      options = parse(args);
      SamTemplate template = SamTemplate.locate();
      function = template.functions().stream().filter(f -> f.logicalId().equals(options.logicalId())).findFirst()
          .orElseThrow(() -> new Bad("no function " + options.logicalId() + " in template.yaml; its functions: "
              + template.functions().stream().map(FunctionDefinition::logicalId).collect(Collectors.joining(", "))));
      event = json.writeValueAsBytes(readJson(options.event(), "event"));
      environment = environment(function, processEnvironment, options.envVars());
      catalog = options.catalog().isPresent() ? CatalogFile.read(options.catalog().get(), json) : null;
      return invoke(template, function, environment, catalog, event, options.prepare());
    } catch (Bad e) {
      err.println("invoke: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException e) {
      err.println("invoke: " + e.getMessage());
      return 2;
    }
  }

  private int invoke(SamTemplate template, FunctionDefinition function, Map<String, String> environment,
      SeedCatalog givenCatalog, byte[] event, boolean prepare) throws Bad {
    PrintStream stdout = System.out;
    // The function logs to standard output (JsonLog, read when its graph is built): its logs go to
    // stderr, and stdout carries the response alone.
    System.setOut(err);
    err.println(environment.get("DYNAMODB_ENDPOINT") != null ? "invoke: storage at " + environment.get("DYNAMODB_ENDPOINT")
        : "invoke: starting the embedded engine" + (environment.get(LocalStorage.DB_PATH) != null
            ? " on " + environment.get(LocalStorage.DB_PATH) : " (in memory)"));
    try (LocalStorage storage = LocalStorage.open(new HashMap<>(environment), template)) {
      Clock clock = Clock.systemUTC();
      Settings settings = Settings.fromEnvironment(environment);
      AppComponent setup = AppComponent.builder().settings(settings).clock(clock)
          .storageModule(new StorageModule(storage.client())).build();
      SeedCatalog catalog = givenCatalog != null ? givenCatalog : DemoCatalog.create(clock);
      err.println("invoke: seeding " + (givenCatalog != null ? "the catalogue" : "the demo catalogue") + " ("
          + catalog.concerts().size() + " concerts) where missing");
      setup.catalogSeeder().seed(catalog);
      if (prepare) {
        JsonNode prepared = json.readTree(event);
        if (!prepared.isObject()) {
          throw new Bad("--prepare: the event is not a JSON object");
        }
        try {
          new EventPreparation(setup, catalog, clock, settings).prepare((ObjectNode) prepared).forEach(err::println);
        } catch (EventPreparation.Refusal e) {
          throw new Bad("--prepare: " + e.getMessage());
        }
        event = json.writeValueAsBytes(prepared);
      }
      byte[] response;
      err.println(announcement(function, environment));
      long started = System.nanoTime();
      ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(LocalThreads.daemons("invoke-progress"));
      progress.scheduleAtFixedRate(() -> err.println("invoke: " + function.logicalId() + " still running, "
              + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s so far"),
          PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      try {
        LocalFunction local = LocalFunctions.instantiate(function, environment, clock, storage.client());
        response = local.invoke(event, UUID.randomUUID().toString());
      } catch (IOException | RuntimeException e) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorType", e.getClass().getName());
        error.put("errorMessage", String.valueOf(e.getMessage()));
        out.println(json.writeValueAsString(error));
        err.println("invoke: " + function.logicalId() + " failed: " + e);
        return 1;
      } finally {
        progress.shutdownNow();
      }
      out.write(response);
      out.println();
      out.flush();
      // An HTTP function answers every failure itself, with a 5xx (no input may produce one).
      int status = json.readTree(response).path("statusCode").asInt(0);
      if (status >= 500) {
        err.println("invoke: " + function.logicalId() + " answered " + status + ": it failed (its log above says where)");
        return 1;
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("invoke: " + function.logicalId() + " could not run: " + e);
      return 1;
    } finally {
      System.setOut(stdout);
    }
  }

  private static Options parse(String[] args) throws Bad {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new Bad("name the function to invoke, by its logical id in template.yaml");
    }
    Path event = null;
    Path envVars = null;
    Path catalog = null;
    boolean prepare = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--prepare" -> prepare = true;
        case "--event", "-e" -> event = Path.of(value(args, ++i, "--event"));
        case "--env-vars", "-n" -> envVars = Path.of(value(args, ++i, "--env-vars"));
        case "--catalog" -> catalog = Path.of(value(args, ++i, "--catalog"));
        default -> throw new Bad("unknown option " + args[i]);
      }
    }
    if (event == null) {
      throw new Bad("--event FILE is required (the sample events are in events/)");
    }
    return new Options(args[0], event, Optional.ofNullable(envVars), Optional.ofNullable(catalog), prepare);
  }

  private static String value(String[] args, int index, String option) throws Bad {
    if (index >= args.length) {
      throw new Bad(option + " needs a value");
    }
    return args[index];
  }

  private JsonNode readJson(Path file, String what) throws Bad {
    try {
      return json.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new Bad("no " + what + " file " + file);
    } catch (JsonProcessingException e) {
      throw new Bad("the " + what + " file " + file + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Bad("cannot read the " + what + " file " + file + ": " + e.getMessage());
    }
  }

  /**
   * The template's environment for the function under the process environment, then the
   * {@code --env-vars} file's values for variables the template declares for it. The template's
   * run of the scheduled function (a minute's rounds, for EventBridge's schedule) becomes one
   * round, as the local runtime runs it, unless the process environment or the file sets one.
   */
  private Map<String, String> environment(FunctionDefinition function, Map<String, String> processEnvironment,
      Optional<Path> envVars) throws Bad {
    Map<String, String> environment = LocalFunctions.environmentOf(function, processEnvironment);
    if (function.environment().containsKey(MAINTENANCE_RUN) && !processEnvironment.containsKey(MAINTENANCE_RUN)) {
      environment.put(MAINTENANCE_RUN, "0");
    }
    if (envVars.isEmpty()) {
      return environment;
    }
    JsonNode file = readJson(envVars.get(), "--env-vars");
    if (!file.isObject()) {
      throw new Bad("the --env-vars file must hold a JSON object: {\"Parameters\": {...}, \"<LogicalId>\": {...}}");
    }
    Map<String, String> overrides = new LinkedHashMap<>(variables(file, "Parameters"));
    overrides.putAll(variables(file, function.logicalId()));
    overrides.forEach((name, value) -> {
      if (function.environment().containsKey(name)) {
        environment.put(name, value);
      } else {
        err.println("invoke: " + name + " is not declared for " + function.logicalId()
            + " in template.yaml; ignored, as sam local invoke ignores it");
      }
    });
    return environment;
  }

  private static Map<String, String> variables(JsonNode file, String key) throws Bad {
    JsonNode section = file.path(key);
    if (section.isMissingNode()) {
      return Map.of();
    }
    if (!section.isObject()) {
      throw new Bad("--env-vars: " + key + " must be an object of variables");
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = section.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isValueNode() || field.getValue().isNull()) {
        throw new Bad("--env-vars: " + key + "." + field.getKey() + " must be a string, number or boolean");
      }
      variables.put(field.getKey(), field.getValue().asText());
    }
    return variables;
  }
}
