package dev.ticketing.local;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import dev.ticketing.local.auth.LocalSignIn;
import dev.ticketing.wiring.AppComponent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole API on one port, from template.yaml: its storage ({@link LocalStorage}), every
 * function instantiated in-process ({@link LocalFunctions}), the demo catalogue or a given one,
 * the HTTP API ({@link LocalGateway}) and the schedule ({@link Scheduler}).
 */
public final class LocalRuntime implements AutoCloseable {
  private static final String DEFAULT_TABLE = "concert-reservation";

  private final LocalStorage storage;
  private final URI dataEndpoint;
  private final LocalFunctions functions;
  private final LocalGateway gateway;
  private final Scheduler scheduler;

  private LocalRuntime(LocalStorage storage, URI dataEndpoint, LocalFunctions functions, LocalGateway gateway,
      Scheduler scheduler) {
    this.storage = storage;
    this.dataEndpoint = dataEndpoint;
    this.functions = functions;
    this.gateway = gateway;
    this.scheduler = scheduler;
  }

  /**
   * Starts everything on the system clock, with the demo catalogue or none. {@code environment}
   * plays the process environment: it overrides the template's variables, and {@code PORT} 0 picks
   * a free port.
   */
  public static LocalRuntime start(Map<String, String> environment, boolean seedDemoData) {
    Clock clock = Clock.systemUTC();
    return start(environment, clock, seedDemoData ? Optional.of(DemoCatalog.create(clock)) : Optional.empty());
  }

  /**
   * Starts everything on {@code clock} (tests move it to pass a sale's opening), seeding
   * {@code catalog} where its items are missing.
   */
  public static LocalRuntime start(Map<String, String> environment, Clock clock, Optional<SeedCatalog> catalog) {
    SamTemplate template = SamTemplate.locate();
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("TABLE_NAME", DEFAULT_TABLE);
    // Locally the scheduler is the loop: each tick runs one maintenance round (docs/api.md).
    env.put("MAINTENANCE_RUN_SECONDS", "0");
    int port = port(env);
    LocalGateway.requireFree(port);  // told before the engine starts and the catalogue is seeded
    LocalStorage storage = LocalStorage.open(env, template);
    LocalGateway gateway = null;
    try {
      AppComponent runtime = LocalFunctions.component(Settings.fromEnvironment(env), clock, storage.client());
      catalog.ifPresent(runtime.catalogSeeder()::seed);
      LocalFunctions functions = LocalFunctions.instantiate(template, env, clock, storage.client());
      gateway = LocalGateway.start(port, functions.all(), env,
          runtime.objectMapper(), runtime.log(), clock);
      Duration interval = Duration.ofSeconds(Long.parseLong(env.getOrDefault("SCHEDULER_INTERVAL_SECONDS", "5")));
      Scheduler scheduler = Scheduler.start(functions.all().stream().filter(f -> !f.definition().schedules().isEmpty()).toList(),
          interval, runtime.objectMapper(), runtime.log(), clock);
      return new LocalRuntime(storage, URI.create(env.get("DYNAMODB_ENDPOINT")), functions, gateway, scheduler);
    } catch (IOException | RuntimeException e) {
      if (gateway != null) {
        gateway.close();
      }
      storage.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** {@code PORT}, 3000 unless set; a value that is no port is refused in words (IllegalArgumentException). */
  static int port(Map<String, String> env) {
    String value = env.getOrDefault("PORT", "3000");
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("PORT must be a port number from 0 to 65535 (0 picks a free one), not " + value);
  }

  public int port() {
    return gateway.port();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Where the data is: the embedded engine's endpoint (a loopback port of this run), or
   * {@code DYNAMODB_ENDPOINT}'s. Other processes reach the runtime's table there, as {@code seed}
   * and {@code ops} do with {@code DYNAMODB_ENDPOINT}.
   */
  public URI dataEndpoint() {
    return dataEndpoint;
  }

  public List<HttpRoute> routes() {
    return gateway.routes();
  }

  /** How callers sign in to this run, in a line for its banner. */
  String signInSummary() {
    LocalSignIn signIn = gateway.signIn();
    if (signIn.authorizer().isEmpty()) {
      return "Sign-in: no issuer (DEV_ISSUER=off, no JWT_ISSUER): send X-User-Id.";
    }
    String issuer = signIn.authorizer().get().issuer();
    return signIn.devIssuer().filter(dev -> dev.issuer().equals(issuer)).isPresent()
        ? "Sign-in: the development issuer " + issuer + " (any user name; docs/sign-in.md), or X-User-Id without a token."
        : "Sign-in: tokens of " + issuer + ", or X-User-Id without a token.";
  }

  /** The function {@code logicalId} as this runtime built it: tests look inside one this way (what a use case keeps). */
  LocalFunction function(String logicalId) {
    return functions.function(logicalId);
  }

  /**
   * What one tick of the schedule does (one maintenance round), now, on the scheduler's thread so
   * it never overlaps a tick; returns when it has run. Tests drive rounds this way, one at a time,
   * with a long {@code SCHEDULER_INTERVAL_SECONDS}.
   */
  void runScheduledFunctionsNow() {
    scheduler.runNow();
  }

  /** Whether every scheduled run has ended: true once {@link #close} has let the one under way finish. */
  boolean scheduledRunsEnded() {
    return scheduler.runsEnded();
  }

  /**
   * Has the JVM's shutdown (Ctrl-C, SIGTERM, {@code System.exit}) close this runtime. Its hook is
   * then the only one that stops the embedded engine, last: the engine's own hook would kill it at
   * the same moment (hooks run concurrently), under the maintenance round that {@link #close} lets finish.
   */
  void closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "local-runtime-shutdown"));
    storage.leaveEngineShutdownToOwner();
  }

  /** Stops serving, lets a scheduled run under way finish (see {@link Scheduler#close}), then stops the storage. */
  @Override
  public void close() {
    try {
      gateway.close();
      scheduler.close();
    } finally {
      storage.close();
    }
  }
}
