package dev.ticketing.bench.jmh;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Events;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.wiring.AppComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-request CPU of each handler without storage: the Lambda entry point (JSON event bytes in,
 * JSON response bytes out) over a {@link CannedDynamoDb}, so parsing, the use case, Jackson and
 * the response run, and no network or engine does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerBenchmarks {
  /** Route keys of the template, and the event each one gets. */
  static final Map<String, Function<Integer, ApiGatewayRequest>> EVENTS = new LinkedHashMap<>();

  static {
    String c = CannedDynamoDb.CONCERT;
    String u = CannedDynamoDb.USER;
    String t = CannedDynamoDb.TOKEN;
    EVENTS.put("GET /concerts", i -> Events.request("GET", "/concerts").build());
    EVENTS.put("POST /concerts/{concertId}/queue/tokens", i -> Events.request("POST", "/concerts/{concertId}/queue/tokens").user(u)
        .path("concertId", c).build());
    EVENTS.put("GET /queue/status", i -> Events.request("GET", "/queue/status").user(u).token(t).build());
    EVENTS.put("GET /users/me/balance", i -> Events.request("GET", "/users/me/balance").user(u).build());
    EVENTS.put("POST /users/me/balance/charges", i -> Events.request("POST", "/users/me/balance/charges").user(u)
        .header("idempotency-key", "k-" + i).body("{\"amount\":50000}").build());
    EVENTS.put("GET /concerts/{concertId}/schedules", i -> Events.request("GET", "/concerts/{concertId}/schedules").user(u).token(t)
        .path("concertId", c).build());
    EVENTS.put("GET /concerts/{concertId}/schedules/{scheduleId}/seats", i -> Events.request("GET",
        "/concerts/{concertId}/schedules/{scheduleId}/seats").user(u).token(t).path("concertId", c)
        .path("scheduleId", CannedDynamoDb.SCHEDULE).build());
    EVENTS.put("POST /reservations", i -> Events.request("POST", "/reservations").user(u).token(t)
        .body("{\"concertId\":\"" + c + "\",\"scheduleId\":\"" + CannedDynamoDb.SCHEDULE + "\",\"seatNo\":7}").build());
    EVENTS.put("GET /reservations/{reservationId}", i -> Events.request("GET", "/reservations/{reservationId}").user(u)
        .path("reservationId", CannedDynamoDb.RESERVATION).build());
    EVENTS.put("POST /payments", i -> Events.request("POST", "/payments").user(u).token(t)
        .body("{\"reservationId\":\"" + CannedDynamoDb.RESERVATION + "\"}").build());
    EVENTS.put("GET /users/me/payments", i -> Events.request("GET", "/users/me/payments").user(u).build());
  }

  @Param({"GET /concerts"})
  public String route;

  private RequestStreamHandler handler;
  private byte[] event;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    AppComponent app = BenchEngine.app(new CannedDynamoDb(), CannedDynamoDb.table(), Clock.systemUTC(), Map.of());
    String handlerClass = HandlerOverhead.handlersByRoute().get(route);
    handler = (RequestStreamHandler) Class.forName(handlerClass).getConstructor(AppComponent.class).newInstance(app);
    ObjectMapper json = app.objectMapper();
    event = json.writeValueAsBytes(EVENTS.get(route).apply(1));
    ApiGatewayResponse check = Events.invoke(json, handler, EVENTS.get(route).apply(0));
    if (check.statusCode() >= 300) {
      throw new IllegalStateException(route + " answered " + check.statusCode() + " " + check.body());
    }
  }

  @Benchmark
  public byte[] handle() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return out.toByteArray();
  }
}
