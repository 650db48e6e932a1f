package dev.ticketing.bench.support;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Benchmark-only SDK interceptor: asks DynamoDB for {@code ReturnConsumedCapacity=TOTAL} on every
 * request that takes it (rebuilding the request; production code is untouched), counts the
 * requests actually sent (every attempt) and sums the capacity the responses report. Requests
 * that end in an error (a refused conditional write) are counted but report no capacity.
 * One measurement at a time: {@link #reset} before a call, {@link #snapshot} after it.
 */
public final class CapacityMeter implements ExecutionInterceptor {
  private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");

  /** What a stretch of calls sent and consumed. */
  public record Usage(Map<String, Integer> requests, int failed, double readUnits, double writeUnits) {
    public int total() {
      return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int writeRequests() {
      return requests.entrySet().stream().filter(e -> !READS.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    public String describe() {
      StringBuilder text = new StringBuilder();
      requests.forEach((op, count) -> text.append(text.length() == 0 ? "" : " + ").append(count > 1 ? count + " " : "").append(op));
      return text.length() == 0 ? "none" : text.toString();
    }

    public Usage divide(double by) {
      return new Usage(requests, failed, readUnits / by, writeUnits / by);
    }

    /** This stretch less a baseline (requests that the baseline also sent are taken away, op by op). */
    public Usage minus(Usage baseline) {
      Map<String, Integer> left = new TreeMap<>(requests);
      baseline.requests().forEach((op, count) -> left.computeIfPresent(op, (k, mine) -> mine - count > 0 ? mine - count : null));
      return new Usage(left, failed - baseline.failed(), readUnits - baseline.readUnits(), writeUnits - baseline.writeUnits());
    }
  }

  private final Map<String, Integer> requests = new TreeMap<>();
  private int failed;
  private double readUnits;
  private double writeUnits;

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (request instanceof GetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof PutItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof QueryRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof ScanRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof BatchWriteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactWriteItemsRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    } else if (request instanceof TransactGetItemsRequest r) {
      return r.toBuilder().returnConsumedCapacity(total).build();
    }
    return request;
  }

  @Override
  public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    requests.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
  }

  @Override
  public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    double units = units(context.response());
    if (READS.contains(operation)) {
      readUnits += units;
    } else {
      writeUnits += units;
    }
  }

  @Override
  public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    failed++;
  }

  public synchronized void reset() {
    requests.clear();
    failed = 0;
    readUnits = 0;
    writeUnits = 0;
  }

  public synchronized Usage snapshot() {
    return new Usage(new TreeMap<>(requests), failed, readUnits, writeUnits);
  }

  private static double units(SdkResponse response) {
    if (response instanceof GetItemResponse r) {
      return one(r.consumedCapacity());
    } else if (response instanceof PutItemResponse r) {
      return one(r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r) {
      return one(r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r) {
      return one(r.consumedCapacity());
    } else if (response instanceof QueryResponse r) {
      return one(r.consumedCapacity());
    } else if (response instanceof ScanResponse r) {
      return one(r.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse r) {
      return r.hasConsumedCapacity() ? r.consumedCapacity().stream().mapToDouble(CapacityMeter::one).sum() : 0;
    } else if (response instanceof BatchWriteItemResponse r) {
      return r.hasConsumedCapacity() ? r.consumedCapacity().stream().mapToDouble(CapacityMeter::one).sum() : 0;
    } else if (response instanceof TransactWriteItemsResponse r) {
      return r.hasConsumedCapacity() ? r.consumedCapacity().stream().mapToDouble(CapacityMeter::one).sum() : 0;
    } else if (response instanceof TransactGetItemsResponse r) {
      return r.hasConsumedCapacity() ? r.consumedCapacity().stream().mapToDouble(CapacityMeter::one).sum() : 0;
    }
    return 0;
  }

  private static double one(ConsumedCapacity capacity) {
    return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
  }
}
