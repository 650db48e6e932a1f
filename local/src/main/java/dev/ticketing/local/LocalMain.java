package dev.ticketing.local;

import dev.ticketing.catalog.seed.CatalogFile;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/concert-local.jar [--db-path FILE] [--catalog FILE]} runs the whole
 * API on localhost, with the demo data or the catalogue file given (seeded where missing);
 * {@code ... invoke <LogicalId> --event FILE} runs one function with one event, as
 * {@code sam local invoke} does ({@link InvokeCommand}). The operators' tools ({@code seed},
 * {@code ops}) run against AWS and ship apart, in {@code ops/target/concert-ops.jar}: asked of
 * this jar, they say where they went and exit 2.
 */
public final class LocalMain {
  private static final String USAGE = "usage: java -jar concert-local.jar [--db-path FILE] [--catalog FILE]\n"
      + "       " + InvokeCommand.USAGE.substring("usage: ".length()) + "\n"
      + "Serving: PORT (default 3000; 0 picks a free one), DYNOXIDE_DB_PATH or --db-path to keep the data, "
      + "DYNAMODB_ENDPOINT to use another engine; JWT_ISSUER and JWT_AUDIENCE to trust another issuer than the "
      + "development one at /dev-issuer (DEV_ISSUER=off turns it off); every variable is in the README.\n"
      + "The operators' tools (seed, ops) are java -jar ops/target/concert-ops.jar (its --help).";

  /** What {@code seed} and {@code ops} say here: they left this jar for the operators' own. */
  static final String MOVED = "%s is an operator's tool, not the local runtime's: run java -jar ops/target/concert-ops.jar %s"
      + " (built with the rest; its --help lists its commands)";

  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && !args[0].startsWith("-")) {
      System.exit(run(args, System.getenv(), System.out, System.err));
    }
    if (Arrays.stream(args).anyMatch(LocalMain::isHelp)) {
      System.out.println(USAGE);
      System.exit(0);
    }
    Serving serving;
    try {
      serving = serving(args, System.getenv(), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    } catch (IOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    serve(serving);
  }

  /** What to serve: the environment ({@code --db-path} applied), the clock and the catalogue to seed, and its name. */
  record Serving(Map<String, String> env, Clock clock, SeedCatalog catalog, String catalogName) {}

  /**
   * The serving options: {@code --db-path FILE}, {@code --catalog FILE} (else the demo data, made
   * on {@code clock}). An unknown option or one without a value is an IllegalArgumentException; a
   * catalogue that cannot be read or breaks a rule is an IOException that names the field.
   */
  static Serving serving(String[] args, Map<String, String> processEnvironment, Clock clock) throws IOException {
    Map<String, String> env = new HashMap<>(processEnvironment);
    Optional<Path> catalogFile = Optional.empty();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!option.equals("--db-path") && !option.equals("--catalog")) {
        throw new IllegalArgumentException("unknown option " + option);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      if (option.equals("--db-path")) {
        env.put(LocalStorage.DB_PATH, args[i + 1]);
      } else {
        catalogFile = Optional.of(Path.of(args[i + 1]));
      }
    }
    if (catalogFile.isPresent()) {
      return new Serving(env, clock, CatalogFile.read(catalogFile.get(), JsonMapper.create()),
          "the catalogue " + catalogFile.get());
    }
    return new Serving(env, clock, DemoCatalog.create(clock), "demo data");
  }

  /** {@code --help} or {@code -h}: the usage on stdout, exit 0, for every command. */
  static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /** A command that ends ({@code invoke}, {@code help}); its exit status. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "invoke" -> InvokeCommand.run(rest, env, out, err);
      case "seed", "ops" -> {
        err.println(MOVED.formatted(args[0], args[0].equals("seed") ? "seed ..." : "<command> ..."));
        yield 2;
      }
      case "help" -> {
        out.println(USAGE);
        yield 0;
      }
      default -> {
        err.println("unknown command " + args[0] + "\n" + USAGE);
        yield 2;
      }
    };
  }

  private static void serve(Serving serving) throws InterruptedException {
    Map<String, String> env = serving.env();
    LocalRuntime runtime;
    try {
      runtime = LocalRuntime.start(env, serving.clock(), Optional.of(serving.catalog()));
    } catch (LocalGateway.PortInUse e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    } catch (IllegalArgumentException e) {
      // A setting that is no value of its kind (PORT=abc, QUEUE_MAX_ACTIVE=many): said in words.
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    runtime.closeOnShutdown();
    String data = env.get("DYNAMODB_ENDPOINT") != null ? "; data at " + env.get("DYNAMODB_ENDPOINT")
        : env.get(LocalStorage.DB_PATH) != null ? "; data kept in " + env.get(LocalStorage.DB_PATH)
        : "; data in memory, gone when it stops (--db-path FILE keeps it)";
    System.out.println("Concert reservation API on " + runtime.baseUri() + " (" + runtime.routes().size()
        + " routes from " + Path.of("template.yaml") + ", " + serving.catalogName() + data + "); Ctrl-C stops it.");
    System.out.println(runtime.signInSummary());
    if (env.get("DYNAMODB_ENDPOINT") == null) {
      // The embedded engine listens on a loopback port: the operators' tools reach the running sale there.
      System.out.println("Its table " + env.getOrDefault("TABLE_NAME", "concert-reservation") + " is served at "
          + runtime.dataEndpoint() + " while it runs: DYNAMODB_ENDPOINT=" + runtime.dataEndpoint()
          + " java -jar ops/target/concert-ops.jar status --concert winter-gala");
    }
    // Serves until the JVM stops, and the runtime with it.
    new CountDownLatch(1).await();
  }
}
