package dev.ticketing.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A direct invocation of {@code {"warm": true}} (the operators' {@code preflight}, before a sale):
 * it restores the function's snapshot and starts an execution environment, and is answered
 * {@code {"warm":true,"function":"<name>"}} without reading or writing anything. Every function's
 * entry asks here first, the HTTP handlers' base ({@link HttpFunction}) and the maintenance
 * function alike. Only a small document can be one: an API Gateway or EventBridge event is
 * hundreds of bytes, so a real event costs no JSON parse here.
 */
public final class WarmUp {
  /** Longer than any way of writing {@code {"warm": true}}, far shorter than any real event. */
  private static final int LONGEST = 128;

  private WarmUp() {}

  /** Whether {@code event} is a warm-up: a JSON object whose {@code warm} is {@code true}. */
  public static boolean asked(byte[] event, ObjectMapper json) {
    if (event.length > LONGEST) {
      return false;
    }
    try {
      JsonNode node = json.readTree(event);
      return node != null && node.isObject() && node.path("warm").isBoolean() && node.path("warm").booleanValue();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Answers {@code event} if it is a warm-up, and says whether it did: the caller then does
   * nothing else. The function's name is Lambda's; without a context (a test, the local
   * runtime) the handler's class names it.
   */
  public static boolean answered(byte[] event, Context context, Object handler, ObjectMapper json, OutputStream output)
      throws IOException {
    if (!asked(event, json)) {
      return false;
    }
    String name = context != null && context.getFunctionName() != null ? context.getFunctionName()
        : handler.getClass().getSimpleName();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("warm", true);
    answer.put("function", name);
    json.writeValue(output, answer);
    return true;
  }
}
