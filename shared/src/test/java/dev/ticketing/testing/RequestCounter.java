package dev.ticketing.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the DynamoDB requests actually sent (every attempt), by operation name. */
public final class RequestCounter implements ExecutionInterceptor {
  private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
        .incrementAndGet();
  }

  public void reset() {
    byOperation.clear();
  }

  public int total() {
    return byOperation.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public Map<String, Integer> byOperation() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    byOperation.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }
}
