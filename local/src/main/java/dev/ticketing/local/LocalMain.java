package dev.ticketing.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/concert-local.jar} runs the whole API on localhost;
 * {@code ... seed --file catalog.json} loads a catalogue into a table (see {@link SeedCommand}).
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("seed")) {
      System.exit(SeedCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
    }
    if (args.length > 0) {
      System.err.println("usage: java -jar concert-local.jar [seed --file FILE [--table NAME]]");
      System.exit(2);
    }
    Map<String, String> env = System.getenv();
    LocalRuntime runtime = LocalRuntime.start(env, true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "local-runtime-shutdown"));
    System.out.println("Concert reservation API on " + runtime.baseUri() + " (" + runtime.routes().size()
        + " routes from " + Path.of("template.yaml") + "); Ctrl-C stops it.");
    stopped.await();
  }
}
