package dev.ticketing.bench.support;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.http.ApiGatewayRequest;
import dev.ticketing.http.ApiGatewayResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Invoking a handler the way Lambda does: the event's JSON in, the response's JSON out. */
public final class Lambda {
  private Lambda() {}

  public static ApiGatewayResponse invoke(ObjectMapper json, RequestStreamHandler handler, ApiGatewayRequest event) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), out, null);
      return json.readValue(out.toByteArray(), ApiGatewayResponse.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
