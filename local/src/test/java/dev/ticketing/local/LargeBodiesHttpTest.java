package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bodies far over the most any function accepts ({@link HttpRequest#MAX_BODY_BYTES}), many at once,
 * over real sockets: each is refused with 413 and the runtime does not read them into memory. The
 * measure is the bytes the JVM's threads allocated while the bodies were sent (the server's
 * threads, and the test's own, which send from one shared buffer): far below the bodies' total.
 * Before, each was read up to 10 MB, then copied into its event, and 64 of them grew the process by
 * gigabytes.
 */
@ExtendWith(DynamoDbExtension.class)
class LargeBodiesHttpTest {
  private static final int CLIENTS = 32;
  private static final int BODY_BYTES = 10 * 1024 * 1024;
  private static final byte[] CHUNK = filled(64 * 1024);

  @Test
  void bodies_over_the_limit_are_refused_without_being_read(TestTable table) throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
    ExecutorService senders = Executors.newFixedThreadPool(CLIENTS * 2);
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      int port = http.runtime.port();
      // Warm: the paths a refusal takes, so the measure below is of the bodies, not of loading classes.
      assertThat(send(port, true, 2 * CHUNK.length, senders)).isEqualTo(413);
      assertThat(send(port, false, 2 * CHUNK.length, senders)).isEqualTo(413);

      long before = allocated(threads);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        boolean declared = i % 2 == 0;
        statuses.add(senders.submit(() -> send(port, declared, BODY_BYTES, senders)));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).as("a 10 MB body is refused").isEqualTo(413);
      }
      long allocated = allocated(threads) - before;

      long sent = (long) CLIENTS * BODY_BYTES;
      System.out.printf("large bodies: %d bodies, %d MB sent, %d KB allocated by all threads meanwhile%n", CLIENTS,
          sent >> 20, allocated >> 10);
      assertThat(allocated).as("bytes allocated while %d bodies of 10 MB were refused", CLIENTS).isLessThan(sent / 10);
      assertThat(http.get("/concerts", Map.of()).status()).as("still serving").isEqualTo(200);
    } finally {
      senders.shutdownNow();
    }
  }

  /**
   * A charge whose body is {@code size} bytes, with its length declared or chunked; the status of
   * the answer. The body is written on another thread while the answer is read, as a client that
   * keeps sending would; the server may close the connection before all of it is written.
   */
  private static int send(int port, boolean declared, int size, ExecutorService senders) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /users/me/balance/charges HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-Id: big\r\n"
          + "Content-Type: application/json\r\n"
          + (declared ? "Content-Length: " + size : "Transfer-Encoding: chunked") + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      Future<?> body = senders.submit(() -> {
        try {
          for (int written = 0; written < size; written += CHUNK.length) {
            int length = Math.min(CHUNK.length, size - written);
            if (!declared) {
              out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(CHUNK, 0, length);
            if (!declared) {
              out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
          }
          if (!declared) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException closedByTheServer) {
          // expected: it stopped reading
        }
        return null;
      });
      socket.setSoTimeout(30_000);
      int status = status(socket.getInputStream());
      body.cancel(true);
      return status;
    }
  }

  private static int status(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      line.write(b);
    }
    String[] parts = line.toString(StandardCharsets.US_ASCII).split(" ");
    return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
  }

  private static long allocated(com.sun.management.ThreadMXBean threads) {
    return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(n -> n > 0).sum();
  }

  private static byte[] filled(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) ' ');
    return bytes;
  }
}
