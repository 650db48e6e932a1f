package dev.ticketing.bench.rush;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Which gsi1 partition each item is in now, kept beside the table from every successful write
 * that passes through the clients it is installed on, so that the meter and the throttle know
 * which index partitions a write rewrites (the old and the new one) without reading the item.
 * Install it on every client that writes to the measured tables, before the data exist; an item
 * it never saw is taken to be outside the index.
 */
public final class IndexShadow implements ExecutionInterceptor {
  private final Map<String, String> partitionByItem = new ConcurrentHashMap<>();

  /** The gsi1pk of the item now, or null if it is not in the index (or unknown). */
  public String indexPartition(String table, String pk, String sk) {
    return pk == null || sk == null ? null : partitionByItem.get(key(table, pk, sk));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    apply(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
  }

  /** Records the index partitions a write that succeeded left its items in. */
  void apply(String operation, SdkRequest request) {
    Footprint footprint = Footprint.of(operation, request, this);
    if (!footprint.write()) {
      return;
    }
    for (Footprint.Element e : footprint.elements()) {
      if (e.sk() == null) {
        continue;
      }
      String after = e.indexAfter();
      if (after == null) {
        partitionByItem.remove(key(e.table(), e.pk(), e.sk()));
      } else {
        partitionByItem.put(key(e.table(), e.pk(), e.sk()), after);
      }
    }
  }

  public int size() {
    return partitionByItem.size();
  }

  private static String key(String table, String pk, String sk) {
    return table + "\u0000" + pk + "\u0000" + sk;
  }
}
