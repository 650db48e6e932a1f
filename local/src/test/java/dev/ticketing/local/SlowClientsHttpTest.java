package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that send a request a byte at a time, over real sockets: more of them than there are
 * function threads ({@link LocalGateway#FUNCTION_THREADS}), half stuck in their headers, half in
 * their body, each sending one more byte every second. A normal request is answered while every
 * one of them is still connected (before, the request threads were all busy reading them, and it
 * waited until its client gave up); then each slow client is dropped, although it keeps sending,
 * once its request has not arrived within {@link JdkServerSettings#REQUEST_SECONDS} (before, it
 * held its thread for as long as it kept sending).
 */
@ExtendWith(DynamoDbExtension.class)
class SlowClientsHttpTest {
  private static final int SLOW_CLIENTS = 80;
  /** Far past the request time, for a loaded machine; the old server never dropped them at all. */
  private static final int DROP_WAIT_MILLIS = 60_000;

  @Test
  void slow_clients_hold_no_function_thread_and_are_dropped(TestTable table) throws Exception {
    assertThat(SLOW_CLIENTS).isGreaterThan(LocalGateway.FUNCTION_THREADS);
    try (LocalHttp http = LocalHttp.start(table, Map.of());
        Trickle trickle = new Trickle()) {
      assertThat(http.get("/concerts", Map.of()).status()).isEqualTo(200);
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        trickle.open(http.runtime.port(), i % 2 == 0
            ? "GET /concerts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            : "POST /users/me/balance/charges HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-Id: slow\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"amount\": ");
      }
      trickle.start();
      // Two bytes more from each: by now the server has taken every slow request in.
      trickle.awaitRounds(2);

      LocalHttp.Reply normal = http.get("/concerts", Map.of());

      assertThat(normal.status()).isEqualTo(200);
      assertThat(normal.body().get("concerts")).isNotEmpty();
      assertThat(trickle.sockets.stream().filter(slow -> !stillConnected(slow)).count())
          .as("slow clients dropped before the normal request was answered").isZero();
      for (Socket slow : trickle.sockets) {
        assertThat(endsWithoutAnswer(slow)).as("a slow client's connection is closed without an answer").isTrue();
      }
      assertThat(http.get("/concerts", Map.of()).status()).as("still serving").isEqualTo(200);
    }
  }

  /** True while the server has neither answered nor closed the connection. */
  private static boolean stillConnected(Socket socket) {
    try {
      socket.setSoTimeout(1);
      socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException nothingYet) {
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** True when the server closes the connection having sent nothing. */
  private static boolean endsWithoutAnswer(Socket socket) throws IOException {
    socket.setSoTimeout(DROP_WAIT_MILLIS);
    try (InputStream in = socket.getInputStream()) {
      return in.read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** Slow clients on one thread: each sends one more byte every second until its connection fails. */
  private static final class Trickle implements AutoCloseable {
    final List<Socket> sockets = new ArrayList<>();
    private final Set<Socket> failed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rounds = new AtomicInteger();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

    void open(int port, String start) throws IOException {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      sockets.add(socket);
    }

    void start() {
      thread.scheduleAtFixedRate(() -> sockets.forEach(socket -> {
        if (failed.contains(socket)) {
          return;
        }
        try {
          socket.getOutputStream().write(' ');
          socket.getOutputStream().flush();
        } catch (IOException closed) {
          failed.add(socket);
        }
      }), 1, 1, TimeUnit.SECONDS);
      thread.scheduleAtFixedRate(rounds::incrementAndGet, 1, 1, TimeUnit.SECONDS);
    }

    void awaitRounds(int count) throws InterruptedException {
      while (rounds.get() < count) {
        Thread.sleep(50);
      }
    }

    @Override
    public void close() throws IOException {
      thread.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
