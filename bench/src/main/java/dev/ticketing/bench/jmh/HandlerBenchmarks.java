package dev.ticketing.bench.jmh;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.bench.support.BenchEngine;
import dev.ticketing.bench.support.Lambda;
import dev.ticketing.http.ApiGatewayEvents;
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
    EVENTS.put("GET /concerts", i -> ApiGatewayEvents.request("GET", "/concerts").build());
    EVENTS.put("POST /concerts/{concertId}/queue/tokens", i -> ApiGatewayEvents.request("POST", "/concerts/{concertId}/queue/tokens").user(u)
        .path("concertId", c).build());
    EVENTS.put("GET /queue/status", i -> ApiGatewayEvents.request("GET", "/queue/status").user(u).header("x-queue-token", t).build());
    EVENTS.put("GET /users/me/balance", i -> ApiGatewayEvents.request("GET", "/users/me/balance").user(u).build());
    EVENTS.put("POST /users/me/balance/charges", i -> ApiGatewayEvents.request("POST", "/users/me/balance/charges").user(u)
        .header("idempotency-key", "k-" + i).body("{\"amount\":50000}").build());
    EVENTS.put("GET /concerts/{concertId}/schedules", i -> ApiGatewayEvents.request("GET", "/concerts/{concertId}/schedules").user(u).header("x-queue-token", t)
        .path("concertId", c).build());
    EVENTS.put("GET /concerts/{concertId}/schedules/{scheduleId}/seats", i -> ApiGatewayEvents.request("GET",
        "/concerts/{concertId}/schedules/{scheduleId}/seats").user(u).header("x-queue-token", t).path("concertId", c)
        .path("scheduleId", CannedDynamoDb.SCHEDULE).build());
    EVENTS.put("POST /reservations", i -> ApiGatewayEvents.request("POST", "/reservations").user(u).header("x-queue-token", t)
        .body("{\"concertId\":\"" + c + "\",\"scheduleId\":\"" + CannedDynamoDb.SCHEDULE + "\",\"seatNos\":[7]}").build());
    EVENTS.put("GET /reservations/{reservationId}", i -> ApiGatewayEvents.request("GET", "/reservations/{reservationId}").user(u)
        .path("reservationId", CannedDynamoDb.RESERVATION).build());
    EVENTS.put("POST /payments", i -> ApiGatewayEvents.request("POST", "/payments").user(u).header("x-queue-token", t)
        .body("{\"reservationId\":\"" + CannedDynamoDb.RESERVATION + "\"}").build());
    EVENTS.put("GET /users/me/payments", i -> ApiGatewayEvents.request("GET", "/users/me/payments").user(u).build());
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
    ApiGatewayResponse check = Lambda.invoke(json, handler, EVENTS.get(route).apply(0));
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
