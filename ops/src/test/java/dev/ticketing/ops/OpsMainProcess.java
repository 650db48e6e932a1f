package dev.ticketing.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code java -jar concert-ops.jar ...} as a process of its own: its exit status and output as an
 * operator sees them. The test JVM's class path stands for the jar; the environment is the test's,
 * without the storage a test run may have set, and as the caller changes it.
 */
final class OpsMainProcess {
  private OpsMainProcess() {}

  /** A command that ended: its exit status, stdout and stderr. */
  record Finished(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  static Finished run(Duration deadline, Consumer<Map<String, String>> environment, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 4];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = OpsMain.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("DYNAMODB_ENDPOINT");
    builder.environment().remove("TABLE_NAME");
    environment.accept(builder.environment());
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      CompletableFuture<String> out = readAll(process.getInputStream());
      CompletableFuture<String> err = readAll(process.getErrorStream());
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(String.join(" ", args) + " did not end within " + deadline);
      }
      return new Finished(process.exitValue(), out.join(), err.join());
    } finally {
      process.destroyForcibly();
    }
  }

  /** A stream read to its end on a thread of its own, so that neither pipe fills while the other is read. */
  private static CompletableFuture<String> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
