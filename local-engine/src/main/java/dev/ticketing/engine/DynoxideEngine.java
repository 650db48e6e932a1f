package dev.ticketing.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded DynamoDB-compatible engine: a dynoxide server on a free loopback port, in
 * memory, whose life is tied to this JVM's. On Linux the process is started under
 * {@code setpriv --pdeathsig KILL}, so the kernel ends it even when the JVM is killed with
 * {@code kill -9}; a shutdown hook ends it on every ordinary exit.
 */
public final class DynoxideEngine implements AutoCloseable {
  static final Path PACKAGED_BINARY = Path.of("node_modules", "@dynoxide", "linux-x64", "dynoxide");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private DynoxideEngine(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly, "dynoxide-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts an in-memory engine on a free port and waits until it accepts connections. */
  public static DynoxideEngine start() {
    Path binary = locateBinary();
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      Process process = spawnFromLongLivedThread(command(binary, port));
      if (awaitListening(process, port)) {
        return new DynoxideEngine(process, port);
      }
      process.destroyForcibly();
      lastFailure = new IllegalStateException("dynoxide did not start on port " + port
          + (process.isAlive() ? " (timed out)" : " (exit code " + process.exitValue() + ")"));
    }
    throw lastFailure;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run already; the process is gone either way.
    }
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

  private static List<String> command(Path binary, int port) {
    List<String> command = new ArrayList<>();
    Path setpriv = Path.of("/usr/bin/setpriv");
    if (Files.isExecutable(setpriv)) {
      command.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--"));
    }
    command.addAll(List.of(binary.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
    return command;
  }

  /**
   * The parent-death signal fires when the thread that forked the child ends, not the process.
   * So the child is forked from a daemon thread that lives exactly as long as the JVM.
   */
  private static Process spawnFromLongLivedThread(List<String> command) {
    CompletableFuture<Process> started = new CompletableFuture<>();
    Thread owner = new Thread(() -> {
      try {
        started.complete(new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start());
      } catch (IOException | RuntimeException e) {
        started.completeExceptionally(e);
        return;
      }
      while (true) {
        LockSupport.park();
      }
    }, "dynoxide-owner");
    owner.setDaemon(true);
    owner.start();
    try {
      return started.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot start dynoxide: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static boolean awaitListening(Process process, int port) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException notYet) {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
    return false;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
