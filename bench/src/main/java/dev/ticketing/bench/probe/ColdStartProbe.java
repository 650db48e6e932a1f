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
 * <p>{@code java ... dev.ticketing.bench.probe.ColdStartProbe HANDLER_CLASS EVENT_FILE url|apache prime|noprime}
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
    System.exit(0);
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
