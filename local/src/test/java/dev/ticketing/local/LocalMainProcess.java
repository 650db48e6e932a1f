package dev.ticketing.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code java -jar concert-local.jar ...} as a process of its own: what its exit status, its
 * shutdown hooks and its output are, as a user sees them. The test JVM's class path stands for
 * the jar; the environment is the test's, without the storage a test run may have set.
 */
final class LocalMainProcess {
  private LocalMainProcess() {}

  /** The command, not started; its environment may be changed before it is. */
  static ProcessBuilder command(String... args) {
    String[] command = new String[args.length + 4];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = LocalMain.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("DYNAMODB_ENDPOINT");
    builder.environment().remove("TABLE_NAME");
    return builder;
  }

  /** A command that ended: its exit status, stdout and stderr. */
  record Finished(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** Runs a command that ends by itself, in {@code environment} (changed by the caller), within {@code deadline}. */
  static Finished run(Duration deadline, Consumer<Map<String, String>> environment, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder command = command(args);
    environment.accept(command.environment());
    Process process = command.start();
    try {
      process.getOutputStream().close();
      Lines out = new Lines(process.getInputStream(), deadline);
      Lines err = new Lines(process.getErrorStream(), deadline);
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(String.join(" ", args) + " did not end within " + deadline);
      }
      return new Finished(process.exitValue(), out.all(), err.all());
    } finally {
      process.destroyForcibly();
    }
  }

  /** A process's output, line by line as it comes, and all of it once it has ended. */
  static final class Lines {
    private final BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
    private final StringBuilder all = new StringBuilder();
    private final Duration deadline;
    private final Thread reader;
    private volatile IOException failure;

    /** Its stdout (with stderr, if the command redirects it there). */
    Lines(Process process, Duration deadline) {
      this(process.getInputStream(), deadline);
    }

    Lines(InputStream stream, Duration deadline) {
      this.deadline = deadline;
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            synchronized (all) {
              all.append(line).append('\n');
            }
            arriving.add(line);
          }
        } catch (IOException e) {
          failure = e;
        }
      }, "runtime-output");
      reader.setDaemon(true);
      reader.start();
    }

    /** The first line from now on that matches, within the deadline. */
    String await(Predicate<String> wanted) throws InterruptedException {
      Instant until = Instant.now().plus(deadline);
      while (Instant.now().isBefore(until)) {
        String line = arriving.poll(Duration.between(Instant.now(), until).toMillis(), TimeUnit.MILLISECONDS);
        if (line != null && wanted.test(line)) {
          return line;
        }
      }
      throw new AssertionError("no such line within " + deadline + "; output so far:\n" + snapshot());
    }

    /** Everything, once the process has ended and its output is read to the end. */
    String all() throws InterruptedException {
      reader.join(deadline.toMillis());
      if (reader.isAlive() || failure != null) {
        throw new AssertionError("the output was not read to its end", failure);
      }
      return snapshot();
    }

    private String snapshot() {
      synchronized (all) {
        return all.toString();
      }
    }
  }
}
