package dev.ticketing.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records the DynamoDB requests a client actually sends (every attempt), to check request budgets. */
public final class RequestCounter implements ExecutionInterceptor {
  private final List<String> operations = new CopyOnWriteArrayList<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** The operations sent since the last call, and starts counting afresh. */
  public List<String> drain() {
    List<String> sent = List.copyOf(operations);
    operations.clear();
    return sent;
  }

  public void reset() {
    operations.clear();
  }

  public int total() {
    return operations.size();
  }

  /** Requests sent since the last reset, by operation name. */
  public Map<String, Integer> byOperation() {
    Map<String, Integer> counts = new TreeMap<>();
    operations.forEach(operation -> counts.merge(operation, 1, Integer::sum));
    return counts;
  }
}
