package dev.ticketing.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells each attempt DynamoDB throttled, whether the SDK's retries absorb it or not: a call
 * throttled past the retries usually ends in the call's timeout, not in the throttling error, so
 * only the attempts tell. Registered with every DynamoDB client of the JVM through the SDK's
 * {@code software/amazon/awssdk/services/dynamodb/execution.interceptors} (the production client,
 * the local runtime's, the tests'); it acts only on requests whose {@link Table} asked for it
 * ({@link #ON_THROTTLE}). Cost: a status check per answer, and a copy of the few hundred bytes of
 * an error answer (status 400). The SDK's own per-call metrics would tell the same, but collecting
 * them costs every request, measurably (the local runtime's rounds of some thousand requests).
 */
public final class ThrottledAttempts implements ExecutionInterceptor {
  /** What a request's {@link Table} runs for each of its attempts DynamoDB throttled. */
  static final ExecutionAttribute<Runnable> ON_THROTTLE = new ExecutionAttribute<>("dev.ticketing.onThrottledAttempt");
  /** DynamoDB's error types for throttling (the {@code __type} of its JSON error answer). */
  private static final List<String> THROTTLING = List.of("#ThrottlingException", "#ProvisionedThroughputExceededException",
      "#RequestLimitExceeded");

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    Runnable onThrottle = attributes.getAttribute(ON_THROTTLE);
    if (onThrottle == null || context.httpResponse().statusCode() != 400 || body.isEmpty()) {
      return body;
    }
    byte[] answer;
    try {
      answer = body.get().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(answer, StandardCharsets.UTF_8);
    if (THROTTLING.stream().anyMatch(text::contains)) {
      onThrottle.run();
    }
    return Optional.of(new ByteArrayInputStream(answer));
  }
}
