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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A local engine's server process on a free loopback port, whose life is tied to this JVM's. On
 * Linux it is started under {@code setpriv --pdeathsig KILL}, so the kernel ends it even when the
 * JVM is killed with {@code kill -9}; a shutdown hook ends it on every ordinary exit, unless an
 * owner whose own hook closes it took that over ({@link #leaveShutdownToOwner}).
 */
final class EngineProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private EngineProcess(Process process, int port, String name) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts {@code command(port)} on a free port and waits until it accepts connections. */
  static EngineProcess start(String name, IntFunction<List<String>> command, Duration startTimeout, int attempts) {
    IllegalStateException lastFailure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      int port = freePort();
      Process process = spawnFromLongLivedThread(name, tiedToThisJvm(command.apply(port)));
      if (awaitListening(process, port, startTimeout)) {
        return new EngineProcess(process, port, name);
      }
      process.destroyForcibly();
      lastFailure = new IllegalStateException(name + " did not start on port " + port
          + (process.isAlive() ? " (timed out)" : " (exit code " + process.exitValue() + ")"));
    }
    throw lastFailure;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  long pid() {
    return process.pid();
  }

  boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Removes the shutdown hook that kills the process: the caller has registered a hook of its own
   * that closes it, after work that still needs it. JVM shutdown hooks all start at once, in no
   * order, so with both the engine could die under that work. Register the owner's hook first, so
   * that whenever the JVM stops one of the two hooks is there to end the process.
   */
  void leaveShutdownToOwner() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is stopping already, so both hooks run; but the owner has only just started.
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
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

  private static List<String> tiedToThisJvm(List<String> command) {
    List<String> tied = new ArrayList<>();
    Path setpriv = Path.of("/usr/bin/setpriv");
    if (Files.isExecutable(setpriv)) {
      tied.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--"));
    }
    tied.addAll(command);
    return tied;
  }

  /**
   * The parent-death signal fires when the thread that forked the child ends, not the process.
   * So the child is forked from a daemon thread that lives exactly as long as the JVM.
   */
  private static Process spawnFromLongLivedThread(String name, List<String> command) {
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
    }, name + "-owner");
    owner.setDaemon(true);
    owner.start();
    try {
      return started.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static boolean awaitListening(Process process, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
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
