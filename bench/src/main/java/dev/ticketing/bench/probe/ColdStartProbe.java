package dev.ticketing.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.functions.priming.Primed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs in a fresh JVM with only functions.jar (and this class) on the class path, playing the
 * Lambda runtime's part: build the handler (the init phase), optionally run its SnapStart priming
 * routine (what {@code beforeCheckpoint} runs before the snapshot), then hand it one event. Prints
 * {@code READY}, {@code HANDLED} as soon as they happen (the harness times them from the process
 * start) and a {@code RESULT} line with the in-JVM breakdown.
 *
 * <p>{@code java [-Dbench.metrics=off] ... dev.ticketing.bench.probe.ColdStartProbe HANDLER_CLASS EVENT_FILE url|apache prime|noprime [WARM_REQUESTS]}
 * ({@code -Dbench.metrics=off}: {@link NoMetricsWiring}).
 */
public final class ColdStartProbe {
  private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    String handlerClass = args[0];
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    boolean apache = args[2].equals("apache");
    boolean prime = args[3].equals("prime");

    RequestStreamHandler handler = apache ? ApacheClientWiring.handler(handlerClass)
        : NoMetricsWiring.selected() ? NoMetricsWiring.handler(handlerClass)
        : (RequestStreamHandler) Class.forName(handlerClass).getConstructor().newInstance();
    long constructed = System.nanoTime();
    System.out.println("READY");
    System.out.flush();
    if (prime) {
      ((Primed) handler).priming().run();
    }
    long primed = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    long handled = System.nanoTime();
    System.out.println("HANDLED");
    System.out.flush();

    String response = out.toString(StandardCharsets.UTF_8);
    Matcher status = STATUS.matcher(response);
    long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    Runtime runtime = Runtime.getRuntime();
    long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    System.out.printf("RESULT status=%s initMs=%.1f primeMs=%.1f firstMs=%.1f cpuMs=%d heapMb=%d rssMb=%d%n",
        status.find() ? status.group(1) : (response.contains("\"status\":\"ok\"") ? "ok" : "?"),
        (constructed - start) / 1e6, (primed - constructed) / 1e6, (handled - primed) / 1e6, cpuMs, heapMb, rssMb());
    System.out.flush();

    int warm = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    if (warm > 0) {
      // The same (read-only) request again: CPU and wall time per request once warm, JIT and GC included.
      for (int i = 0; i < warm; i++) {
        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
      }
      long cpuBefore = cpuNanos();
      long wallBefore = System.nanoTime();
      for (int i = 0; i < warm; i++) {
        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
      }
      System.out.printf("WARM cpuUs=%.0f wallUs=%.0f%n", (cpuNanos() - cpuBefore) / 1e3 / warm,
          (System.nanoTime() - wallBefore) / 1e3 / warm);
      System.out.flush();
    }
    System.exit(0);
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception ignored) {
      // not Linux
    }
    return -1;
  }
}
