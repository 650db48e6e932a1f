package dev.ticketing.storage;

import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The service's one DynamoDB table, and the only way to it: every store sends every request
 * through these methods, so this is the one place where the SDK's exceptions become ours.
 * <ul>
 *   <li>A condition that did not hold is an answer: {@code false}, or a cancelled
 *   {@link TransactionOutcome}.
 *   <li>A write that met another transaction on its items ({@code TransactionConflict}, which the
 *   SDK does not retry) is retried a bounded number of times with jittered backoff
 *   ({@link Backoff#transactionConflicts}): it changed nothing.
 *   <li>Keys a batch read left unprocessed (DynamoDB's answer to throttling of some of them) are
 *   sent again after a jittered, capped, growing pause ({@link Backoff#unprocessedKeys}), a
 *   bounded number of times.
 *   <li>Throttling, a 5xx, a timeout or a broken connection that outlasted the SDK's retries, and
 *   a conflict or unprocessed keys that outlasted ours, is a {@link StorageUnavailableException}.
 *   <li>Anything else (a request DynamoDB calls malformed: our bug) stays the SDK's exception.
 * </ul>
 * Every throttled attempt (absorbed by the SDK's retries or not), transaction cancelled by
 * throttling and batch read left with unprocessed keys is counted as {@link Metric#STORAGE_THROTTLED}.
 */
public final class Table {
  private static final int BATCH_GET_LIMIT = 100;

  private final DynamoDbClient client;
  private final String name;
  private final Backoff unprocessedKeys;
  private final Backoff conflicts;
  private final Metrics metrics;
  /** Each request's configuration: {@link ThrottledAttempts} tells of its throttled attempts. */
  private final Consumer<AwsRequestOverrideConfiguration.Builder> measured;

  /** With retries jittered by {@code random}: the graph passes its instance's one source (InstanceRandom). */
  public Table(DynamoDbClient client, String name, RandomGenerator random, Metrics metrics) {
    this(client, name, Backoff.unprocessedKeys(random), Backoff.transactionConflicts(random), metrics);
  }

  /** With the pauses between retries of its own: tests record them instead of sleeping. */
  public Table(DynamoDbClient client, String name, Backoff unprocessedKeys, Backoff conflicts) {
    this(client, name, unprocessedKeys, conflicts, Metrics.NONE);
  }

  private Table(DynamoDbClient client, String name, Backoff unprocessedKeys, Backoff conflicts, Metrics metrics) {
    this.client = client;
    this.name = name;
    this.unprocessedKeys = unprocessedKeys;
    this.conflicts = conflicts;
    this.metrics = metrics;
    Runnable throttled = this::throttled;
    this.measured = metrics == Metrics.NONE ? config -> { }
        : config -> config.putExecutionAttribute(ThrottledAttempts.ON_THROTTLE, throttled);
  }

  public String name() {
    return name;
  }

  /** The item under {@code key}, read consistently. */
  public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
    return get(key, true);
  }

  /**
   * The item under {@code key}, consistently or not: an eventually consistent read costs half the
   * read units and may trail the latest write by a moment.
   */
  public Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, boolean consistent) {
    Map<String, AttributeValue> item = call(() -> client.getItem(r -> r.tableName(name).key(key).consistentRead(consistent)
        .overrideConfiguration(measured)).item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /**
   * Consistent reads of several items, one request per 100 keys. Keys DynamoDB leaves
   * unprocessed under load are sent again after a backoff; keys still unprocessed after the last
   * call make a {@link StorageUnavailableException} (503, safe to retry). Found items are keyed
   * by {@link #keyString}.
   */
  public Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    return batchGet(keys, true);
  }

  /**
   * As {@link #batchGet(List)}, consistent or not: an eventually consistent read costs half the
   * read units and may trail the latest write by a moment.
   */
  public Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int start = 0; start < keys.size(); start += BATCH_GET_LIMIT) {
      Map<String, KeysAndAttributes> request = Map.of(name, KeysAndAttributes.builder()
          .keys(keys.subList(start, Math.min(keys.size(), start + BATCH_GET_LIMIT)))
          .consistentRead(consistent).build());
      for (int call = 1; !request.isEmpty(); call++) {
        if (call > 1) {
          if (call > unprocessedKeys.maxCalls()) {
            throw new StorageUnavailableException("batch read left " + request.get(name).keys().size()
                + " keys unprocessed after " + unprocessedKeys.maxCalls() + " calls", null);
          }
          unprocessedKeys.pauseBefore(call - 1);
        }
        Map<String, KeysAndAttributes> pending = request;
        BatchGetItemResponse response = call(() -> client.batchGetItem(r -> r.requestItems(pending)
            .overrideConfiguration(measured)));
        response.responses().getOrDefault(name, List.of()).forEach(item -> found.put(keyString(item), item));
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        if (!request.isEmpty()) {
          throttled();
        }
      }
    }
    return found;
  }

  /** One page of a query. */
  public QueryResponse query(Consumer<QueryRequest.Builder> query) {
    return call(() -> client.query(r -> query.accept(r.tableName(name).overrideConfiguration(measured))));
  }

  /** Every item a query matches, following its pages. */
  public List<Map<String, AttributeValue>> queryAll(Consumer<QueryRequest.Builder> query) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = query(r -> {
        query.accept(r);
        if (from != null) {
          r.exclusiveStartKey(from);
        }
      });
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  /** A PutItem; false if its condition did not hold (then nothing was written). */
  public boolean put(Consumer<PutItemRequest.Builder> put) {
    return put(put, Optional.empty());
  }

  /**
   * As {@link #put(Consumer)}, given up once {@code within} has passed: the SDK starts no further
   * attempt and abandons the one under way (StorageUnavailableException).
   */
  public boolean put(Consumer<PutItemRequest.Builder> put, Optional<Duration> within) {
    return conditional(() -> client.putItem(r -> put.accept(r.tableName(name).overrideConfiguration(o -> {
      measured.accept(o);
      within.ifPresent(o::apiCallTimeout);
    }))));
  }

  /** An UpdateItem; false if its condition did not hold (then nothing was written). */
  public boolean update(Consumer<UpdateItemRequest.Builder> update) {
    return conditional(() -> client.updateItem(r -> update.accept(r.tableName(name).overrideConfiguration(measured))));
  }

  /** An UpdateItem without a condition, returning the whole item as the update left it. */
  public Map<String, AttributeValue> updateAndGet(Consumer<UpdateItemRequest.Builder> update) {
    return updateAndGet(update, Optional.empty());
  }

  /**
   * As {@link #updateAndGet(Consumer)}, given up once {@code within} has passed: the SDK starts no
   * further attempt and abandons the one under way (StorageUnavailableException).
   */
  public Map<String, AttributeValue> updateAndGet(Consumer<UpdateItemRequest.Builder> update, Optional<Duration> within) {
    return call(() -> retryingConflicts(() -> client.updateItem(r -> update.accept(r.tableName(name).returnValues(ReturnValue.ALL_NEW)
        .overrideConfiguration(o -> {
          measured.accept(o);
          within.ifPresent(o::apiCallTimeout);
        })))
        .attributes()));
  }

  /**
   * A TransactWriteItems: committed, or cancelled with the reason of each item. A cancellation
   * only by conflicts with other transactions is retried like a conflicting single write.
   */
  public TransactionOutcome transact(List<TransactWriteItem> items) {
    return transact(items, Optional.empty());
  }

  /**
   * A TransactWriteItems as {@link #transact(List)}, given up once {@code within} has passed: the
   * SDK starts no further attempt and abandons the one under way (StorageUnavailableException).
   */
  public TransactionOutcome transact(List<TransactWriteItem> items, Optional<Duration> within) {
    return call(() -> retryingConflicts(() -> {
      try {
        // One configuration: a second overrideConfiguration would replace the first.
        client.transactWriteItems(r -> r.transactItems(items).overrideConfiguration(o -> {
          measured.accept(o);
          within.ifPresent(o::apiCallTimeout);
        }));
        return TransactionOutcome.COMMITTED;
      } catch (TransactionCanceledException e) {
        List<String> reasons = e.hasCancellationReasons()
            ? e.cancellationReasons().stream().map(Table::code).toList()
            : List.of();
        if (reasons.contains("ConditionalCheckFailed")) {
          return new TransactionOutcome(false, reasons);
        }
        if (reasons.contains("TransactionConflict")) {
          throw e;  // only contended: worth another attempt
        }
        if (reasons.contains("ThrottlingError") || reasons.contains("ProvisionedThroughputExceeded")) {
          // A throttled transaction is cancelled, not throttled: the SDK does not retry it, and it
          // is no answer to the caller's conditions. Storage is busy; the request may be repeated.
          throttled();
          throw new StorageUnavailableException("transaction throttled", e);
        }
        return new TransactionOutcome(false, reasons);
      }
    }));
  }

  /** A map key for an item's primary key. */
  public static String keyString(Map<String, AttributeValue> item) {
    return item.get("pk").s() + "\u0000" + item.get("sk").s();
  }

  private boolean conditional(Runnable write) {
    try {
      call(() -> retryingConflicts(() -> {
        write.run();
        return null;
      }));
      return true;
    } catch (ConditionalCheckFailedException conditionDidNotHold) {
      return false;
    }
  }

  /** The request's answer; transient failures become {@link StorageUnavailableException}. */
  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      if (isTransient(e)) {
        throw new StorageUnavailableException("storage unavailable", e);
      }
      throw e;
    }
  }

  /** Throttling, a 5xx from the service, a timeout or a broken connection: worth a retry later. */
  private static boolean isTransient(SdkException e) {
    if (e instanceof SdkServiceException service) {
      return service.isThrottlingException() || service.statusCode() >= 500;
    }
    // Timeouts of the call or of its last attempt, refused and broken connections.
    return e instanceof SdkClientException;
  }

  private <T> T retryingConflicts(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (TransactionConflictException | TransactionCanceledException conflict) {
        if (attempt >= conflicts.maxCalls()) {
          throw new StorageUnavailableException("still conflicting after " + attempt + " attempts", conflict);
        }
      }
      conflicts.pauseBefore(attempt);
    }
  }

  private void throttled() {
    metrics.emit(MetricRecord.service().with(Metric.STORAGE_THROTTLED, 1));
  }

  private static String code(CancellationReason reason) {
    return reason.code() == null ? "None" : reason.code();
  }
}
