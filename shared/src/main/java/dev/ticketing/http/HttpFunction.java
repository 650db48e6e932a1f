package dev.ticketing.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.domain.Refused;
import dev.ticketing.log.FailureFields;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.storage.StorageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every HTTP handler: answers a warm-up ({@link WarmUp}) without touching storage, else
 * reads the API Gateway event, runs {@link #handle}, and maps what
 * goes wrong. A use case's refusal becomes its problem ({@link Refusals}); storage that stays
 * throttled, contended or unreachable through every retry is a 503 with Retry-After (every
 * endpoint is safe to retry); anything else is logged and answered with a bare 500.
 */
public abstract class HttpFunction implements RequestStreamHandler {
  private final ObjectMapper json;
  private final JsonLog log;
  private final Metrics metrics;
  protected final HttpResponses responses;

  protected HttpFunction(ObjectMapper json, JsonLog log, Metrics metrics) {
    this.json = json;
    this.log = log;
    this.metrics = metrics;
    this.responses = new HttpResponses(json);
  }

  protected abstract ApiGatewayResponse handle(HttpRequest request);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] bytes = input.readAllBytes();
    if (WarmUp.answered(bytes, context, this, json, output)) {
      return;
    }
    ApiGatewayRequest event;
    try {
      event = json.readValue(bytes, ApiGatewayRequest.class);
    } catch (IOException e) {
      log.error("unreadable API Gateway event", Map.of("errorType", e.getClass().getSimpleName()));
      json.writeValue(output, responses.problem(Problem.of(ErrorCode.INTERNAL, "internal error")));
      return;
    }
    json.writeValue(output, respond(event));
  }

  /** The response to one event; never throws. */
  public final ApiGatewayResponse respond(ApiGatewayRequest event) {
    try {
      return handle(new HttpRequest(event, json));
    } catch (Refused e) {
      return responses.problem(Refusals.problemOf(e));
    } catch (ApiException e) {
      return responses.problem(e.problem());
    } catch (StorageUnavailableException e) {
      log.warn("storage unavailable", failure(event, e));
      metrics.emit(MetricRecord.service().with(Metric.STORAGE_UNAVAILABLE, 1));
      return responses.problem(Problem.of(ErrorCode.UNAVAILABLE, "storage is busy; retry the same request shortly"));
    } catch (RuntimeException e) {
      log.error("unhandled error", failure(event, e));
      return responses.problem(Problem.of(ErrorCode.INTERNAL, "internal error"));
    }
  }

  /** The route and what failed, never the failure's message (see {@link FailureFields}). */
  private static Map<String, Object> failure(ApiGatewayRequest event, Exception e) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("routeKey", String.valueOf(event.routeKey()));
    fields.putAll(FailureFields.of(e));
    return fields;
  }
}
