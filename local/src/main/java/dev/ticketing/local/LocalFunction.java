package dev.ticketing.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** One function of the template, instantiated in-process with its own environment and graph. */
record LocalFunction(FunctionDefinition definition, RequestStreamHandler handler) {

  String name() {
    return definition.logicalId();
  }

  /** Invokes the handler as Lambda would: the event's bytes in, the response's bytes out. */
  byte[] invoke(byte[] event, String requestId) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.started(requestId, name(), definition.timeout()));
    return out.toByteArray();
  }
}
