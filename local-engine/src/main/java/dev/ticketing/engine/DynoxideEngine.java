package dev.ticketing.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded DynamoDB-compatible engine: a dynoxide server on a free loopback port, in
 * memory or in a SQLite file, whose life is tied to this JVM's ({@link EngineProcess}: it ends
 * with the JVM, even one killed with {@code kill -9}).
 */
public final class DynoxideEngine extends LocalEngine {
  static final Path PACKAGED_BINARY = Path.of("node_modules", "@dynoxide", "linux-x64", "dynoxide");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;

  private DynoxideEngine(EngineProcess process) {
    super(process);
  }

  /** Starts an in-memory engine on a free port and waits until it accepts connections. */
  public static DynoxideEngine start() {
    return start(Optional.empty());
  }

  /**
   * Starts an engine on a free port, keeping its data in the SQLite file {@code dbPath} (created if
   * missing; what an earlier engine left there is read back), or in memory without one.
   */
  public static DynoxideEngine start(Optional<Path> dbPath) {
    Path binary = locateBinary();
    return new DynoxideEngine(EngineProcess.start("dynoxide", port -> {
      List<String> command = new ArrayList<>(List.of(binary.toString(), "serve", "--host", "127.0.0.1",
          "--port", Integer.toString(port)));
      dbPath.ifPresent(file -> command.addAll(List.of("--db-path", file.toAbsolutePath().toString())));
      return command;
    }, START_TIMEOUT, START_ATTEMPTS));
  }

  /** {@code DYNOXIDE_BIN}, else the binary npm installed in the project's node_modules. */
  static Path locateBinary() {
    String explicit = System.getenv("DYNOXIDE_BIN");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Optional<Path> installed = ProjectFiles.findUpwards(PACKAGED_BINARY);
    return installed.filter(Files::isExecutable).orElseThrow(() -> new IllegalStateException(
        "dynoxide not found: run `mvn package` (it installs it with npm), set DYNOXIDE_BIN,"
            + " or point DYNAMODB_ENDPOINT at a DynamoDB-compatible endpoint"));
  }
}
