package dev.ticketing.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/concert-local.jar [--db-path FILE]} runs the whole API on
 * localhost; {@code ... invoke <LogicalId> --event FILE} runs one function with one event, as
 * {@code sam local invoke} does ({@link InvokeCommand}); {@code ... seed --file catalog.json} loads
 * a catalogue into a table ({@link SeedCommand}); {@code ... ops <command> --concert ID} runs an
 * operator's command on a sale ({@link OpsCommand}).
 */
public final class LocalMain {
  private static final String USAGE = "usage: java -jar concert-local.jar [--db-path FILE]\n"
      + "       " + InvokeCommand.USAGE.substring("usage: ".length()) + "\n"
      + "       java -jar concert-local.jar seed --file FILE [--table NAME]\n"
      + "       java -jar concert-local.jar ops <command> --concert ID [--table NAME] [--operator NAME] (ops --help)";

  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && !args[0].startsWith("--")) {
      System.exit(run(args, System.getenv(), System.out, System.err));
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("--db-path") && i + 1 < args.length) {
        env.put(LocalStorage.DB_PATH, args[i + 1]);
      } else {
        System.err.println("unknown option " + args[i] + "\n" + USAGE);
        System.exit(2);
      }
    }
    serve(env);
  }

  /** A command that ends ({@code invoke}, {@code seed}, {@code ops}); its exit status. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "invoke" -> InvokeCommand.run(rest, env, out, err);
      case "seed" -> SeedCommand.run(rest, env);
      case "ops" -> OpsCommand.run(rest, env, out, err);
      default -> {
        err.println("unknown command " + args[0] + "\n" + USAGE);
        yield 2;
      }
    };
  }

  private static void serve(Map<String, String> env) throws InterruptedException {
    LocalRuntime runtime = LocalRuntime.start(env, true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "local-runtime-shutdown"));
    String data = env.get("DYNAMODB_ENDPOINT") != null ? "; data at " + env.get("DYNAMODB_ENDPOINT")
        : env.get(LocalStorage.DB_PATH) != null ? "; data kept in " + env.get(LocalStorage.DB_PATH)
        : "; data in memory, gone when it stops (--db-path FILE keeps it)";
    System.out.println("Concert reservation API on " + runtime.baseUri() + " (" + runtime.routes().size()
        + " routes from " + Path.of("template.yaml") + data + "); Ctrl-C stops it.");
    if (env.get("DYNAMODB_ENDPOINT") == null) {
      // The embedded engine listens on a loopback port: seed and ops reach the running sale there.
      System.out.println("Its table " + env.getOrDefault("TABLE_NAME", "concert-reservation") + " is served at "
          + runtime.dataEndpoint() + " while it runs: DYNAMODB_ENDPOINT=" + runtime.dataEndpoint()
          + " java -jar local/target/concert-local.jar ops status --concert winter-gala");
    }
    stopped.await();
  }
}
