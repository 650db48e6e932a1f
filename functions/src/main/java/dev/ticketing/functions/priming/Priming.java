package dev.ticketing.functions.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ticketing.domain.InstanceRandom;
import dev.ticketing.http.ApiGatewayEvents;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.wiring.AppComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one function: before Lambda takes the snapshot of an initialised function,
 * its runtime calls {@link #beforeCheckpoint}, which runs the function's one synthetic request
 * (refused or answered after its reads, before any write) through the handler, then the requests
 * its stores registered ({@link StoragePriming}), then serializes a metric without writing it.
 * Jackson, the handler, the use case, the SDK's marshallers and the metrics serializer are then
 * loaded and compiled in the snapshot instead of on the first request after each restore.
 *
 * <p>Every instance restored from the snapshot starts from the same memory, random generators
 * included. So the graph's one source of shards, replicas and jitter ({@link InstanceRandom}) is
 * reseeded before the snapshot (priming drew from it) and again after each restore: each restored
 * instance then seeds its own from {@code SecureRandom} on its first draw.
 *
 * <p>{@link #register} is called only by a handler's no-argument constructor (the Lambda path),
 * and the handler keeps the returned object: CRaC contexts may hold their resources weakly. On a
 * JVM without CRaC, registering does nothing; {@link #run} runs the same routine directly (the
 * tests and the benchmarks do).
 *
 * <p>A step that fails is logged (one {@code "priming step failed"} line with the step and the
 * failure's fields) and the others still run: the snapshot is taken all the same. Priming only
 * saves the first request after a restore the loading of classes it would otherwise do itself;
 * throwing from the hook would instead fail the snapshot, the version's publication and so the
 * whole deployment, as a sale's throttled table or an IAM grant not yet in effect would.
 */
public final class Priming implements Resource {
  /** The synthetic caller; no real user id has this shape's meaning, and it owns nothing. */
  public static final String USER = "snapstart-priming";
  /** A concert (and date) id of the right shape that names none. */
  public static final String CONCERT = "snapstart-priming";
  /** A reservation id of the right shape that names none. */
  public static final String RESERVATION = "PRIMINGPRIMINGPRIMINGP";
  /** A queue token of the right shape whose secret no real token (192 random bits) takes. */
  static final String TOKEN = CONCERT + ".PRIMINGPRIMINGPRIMINGPRIMINGPRIM";

  /** A step of the priming that failed ({@code "GET /queue/status"}, {@code "GetItem TOKEN#"}, {@code "metrics"}) and why. */
  public record Failure(String step, RuntimeException error) {}

  private final Optional<Step> request;
  private final StoragePriming stores;
  private final Metrics metrics;
  private final InstanceRandom random;
  private final JsonLog log;

  private record Step(String name, Runnable action) {}

  private Priming(Optional<Step> request, StoragePriming stores, Metrics metrics, InstanceRandom random, JsonLog log) {
    this.request = request;
    this.stores = stores;
    this.metrics = metrics;
    this.random = random;
    this.log = log;
  }

  /**
   * A synthetic request of the function's route, as AWS would send it, by the priming user with
   * the priming queue token: it fails the gate (401), finds nothing (404), or is refused as
   * invalid (400), after its reads and before any write.
   */
  public static ApiGatewayEvents.Builder request(String method, String routePath) {
    return ApiGatewayEvents.request(method, routePath).user(USER).header("accept", "application/json")
        .header("x-queue-token", TOKEN).requestId("snapstart-priming-request");
  }

  /** The priming of an HTTP function: {@code request} through {@code handler}, then its stores' requests. */
  public static Priming of(RequestStreamHandler handler, AppComponent app, ApiGatewayRequest request) {
    byte[] event;
    try {
      event = app.objectMapper().writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("priming event not serialisable", e);
    }
    return new Priming(Optional.of(new Step(request.routeKey(), () -> invoke(handler, event))), app.storagePriming(),
        app.metrics(), app.instanceRandom(), app.log());
  }

  /** The priming of a function that takes no HTTP request: its stores' requests only. */
  public static Priming ofStores(AppComponent app) {
    return new Priming(Optional.empty(), app.storagePriming(), app.metrics(), app.instanceRandom(), app.log());
  }

  /** Registers with the global CRaC context, which Lambda's runtime notifies before the snapshot. */
  public Priming register() {
    Core.getGlobalContext().register(this);
    return this;
  }

  /**
   * Runs the request, then every store's, then the metrics'; each one whatever the others did. What
   * failed is logged and returned (empty when all ran): a failure costs the first request after a
   * restore the loading it would have saved, never the snapshot.
   */
  public List<Failure> run() {
    List<Failure> failures = new ArrayList<>();
    request.ifPresent(step -> attempt(step.name(), step.action(), failures));
    stores.run().forEach(failed -> failures.add(logged(new Failure(failed.request(), failed.error()))));
    attempt("metrics", metrics::prime, failures);
    return failures;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    run();
    // The priming request may have drawn a shard or a jitter: the snapshot keeps no seed.
    random.reseed();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Whatever was drawn after the hook above, each restored instance seeds its own generator. Nothing
    // else to renew: the default provider chain refetches credentials that expired in the snapshot,
    // and the HTTP client reconnects by itself.
    random.reseed();
  }

  private void attempt(String step, Runnable action, List<Failure> failures) {
    try {
      action.run();
    } catch (RuntimeException e) {
      failures.add(logged(new Failure(step, e)));
    }
  }

  private Failure logged(Failure failure) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("primingStep", failure.step());
    fields.putAll(FailureFields.of(failure.error()));
    log.warn("priming step failed", fields);
    return failure;
  }

  /** The handler handles the event the way Lambda calls it; the response is dropped. */
  private static void invoke(RequestStreamHandler handler, byte[] event) {
    try {
      handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
