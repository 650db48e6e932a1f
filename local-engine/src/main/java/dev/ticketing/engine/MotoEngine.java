package dev.ticketing.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second, independent DynamoDB emulator for the storage tests: Python's moto ({@code moto_server},
 * in memory) on a free loopback port, tied to this JVM's life like dynoxide ({@link EngineProcess}).
 * It is not a dependency of the build: it runs where it is installed ({@code MOTO_SERVER}, else
 * {@code moto_server} on the PATH).
 */
public final class MotoEngine extends LocalEngine {
  /** Python starts slowly, the more so on a busy machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 2;

  private MotoEngine(EngineProcess process) {
    super(process);
  }

  /**
   * The installed {@code moto_server}, if any: {@code MOTO_SERVER}, else the first on the PATH
   * that answers {@code --help} (a version manager's shim may exist without the command behind it).
   */
  public static Optional<Path> installed() {
    String explicit = System.getenv("MOTO_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit));
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "moto_server"))
        .filter(Files::isExecutable)
        .filter(MotoEngine::answers)
        .findFirst();
  }

  /** Starts an in-memory moto server on a free port and waits until it accepts connections. */
  public static MotoEngine start(Path executable) {
    return new MotoEngine(EngineProcess.start("moto_server",
        port -> List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)),
        START_TIMEOUT, START_ATTEMPTS));
  }

  private static boolean answers(Path executable) {
    try {
      Process probe = new ProcessBuilder(executable.toString(), "--help")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!probe.waitFor(30, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
