package dev.ticketing.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records the DynamoDB operations a client sends, to check request budgets. */
public final class RequestCounter implements ExecutionInterceptor {
  private final List<String> operations = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** The operations sent since the last call, and starts counting afresh. */
  public List<String> drain() {
    List<String> sent = List.copyOf(operations);
    operations.clear();
    return sent;
  }
}
