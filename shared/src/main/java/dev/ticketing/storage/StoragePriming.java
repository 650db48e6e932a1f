package dev.ticketing.storage;

import static dev.ticketing.storage.Items.n;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The SnapStart priming of a function's storage: each store, when the graph builds it,
 * registers the kinds of request it makes (as Powertools' {@code DynamoDBPersistenceStore}
 * primes itself), and the function's priming {@link #run runs} them before its snapshot is taken.
 * They load and compile the SDK's request paths (marshalling, signing, the HTTP client, the
 * unmarshalling of answers and of refusals) without changing anything: reads of keys no item can
 * have, and writes whose condition never holds. Only stores the function's use case needs are
 * built, so only their requests run: the same requests, on the same key prefixes, that the
 * function's IAM policy allows.
 *
 * <p>Every key is {@code <prefix>~priming}: {@code ~} is outside the id alphabet (Ids), so no
 * feature ever writes such a key; the prefix is the store's own, which keeps the call inside the
 * function's {@code dynamodb:LeadingKeys}. The condition {@code attribute_exists(pk) AND
 * attribute_not_exists(pk)} is false for every item, present or not, so the writes never apply.
 * One graph per function instance, so one registry: a request two stores register runs once.
 */
@Singleton
public final class StoragePriming {
  static final String NEVER = "attribute_exists(pk) AND attribute_not_exists(pk)";
  private static final String SUFFIX = "~priming";

  private final Table table;
  private final Map<String, Runnable> steps = new LinkedHashMap<>();

  @Inject
  public StoragePriming(Table table) {
    this.table = table;
  }

  /** A consistent GetItem in the partition prefix, finding nothing. */
  public void getItem(String pkPrefix) {
    register("GetItem " + pkPrefix, () -> table.get(key(pkPrefix)));
  }

  /** A consistent BatchGetItem of one key in each partition prefix, finding nothing. */
  public void batchGetItem(String... pkPrefixes) {
    register("BatchGetItem " + String.join(" ", pkPrefixes),
        () -> table.batchGet(Arrays.stream(pkPrefixes).map(StoragePriming::key).toList()));
  }

  /** A Query of a partition that holds nothing. */
  public void query(String pkPrefix) {
    register("Query " + pkPrefix, () -> table.queryAll(query -> query
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", Items.s(pkPrefix + SUFFIX), ":prefix", Items.s(SUFFIX)))));
  }

  /** A Query of a gsi1 partition that holds nothing. */
  public void queryIndex(String gsi1pkPrefix) {
    queryIndex("gsi1", gsi1pkPrefix);
  }

  /** As {@link #queryIndex(String)}, on index {@code index} (whose partition key is {@code <index>pk}). */
  public void queryIndex(String index, String pkPrefix) {
    register("Query " + index + " " + pkPrefix, () -> table.queryAll(query -> query.indexName(index)
        .keyConditionExpression(index + "pk = :pk")
        .expressionAttributeValues(Map.of(":pk", Items.s(pkPrefix + SUFFIX)))));
  }

  /** A conditional UpdateItem that is always refused: changes nothing. */
  public void refusedUpdate(String pkPrefix) {
    register("UpdateItem " + pkPrefix, () -> {
      boolean applied = table.update(r -> r.key(key(pkPrefix))
          .updateExpression("SET primedAt = :now").conditionExpression(NEVER)
          .expressionAttributeValues(Map.of(":now", n(0))));
      if (applied) {
        throw new IllegalStateException("a priming update applied");
      }
    });
  }

  /** A conditional PutItem that is always refused: changes nothing. */
  public void refusedPut(String pkPrefix) {
    register("PutItem " + pkPrefix, () -> {
      if (table.put(r -> r.item(key(pkPrefix)).conditionExpression(NEVER))) {
        throw new IllegalStateException("a priming put applied");
      }
    });
  }

  /** A TransactWriteItems that is always cancelled by its condition: changes nothing. */
  public void refusedTransaction(String pkPrefix) {
    register("TransactWriteItems " + pkPrefix, () -> {
      TransactionOutcome outcome = table.transact(List.of(
          TransactWriteItem.builder().update(Update.builder().tableName(table.name()).key(key(pkPrefix))
              .updateExpression("SET primedAt = :now").conditionExpression(NEVER)
              .expressionAttributeValues(Map.of(":now", n(0))).build()).build()));
      if (outcome.committed()) {
        throw new IllegalStateException("a priming transaction committed");
      }
    });
  }

  /** What was registered, in order, e.g. {@code "GetItem TOKEN#"}. */
  public synchronized List<String> registered() {
    return List.copyOf(steps.keySet());
  }

  /** A registered request that failed (refused, throttled, timed out, or applied) and why. */
  public record Failure(String request, RuntimeException error) {}

  /**
   * Runs every registered request once, each whatever the others did, and returns those that
   * failed (empty when all ran). The caller decides what a failure costs: the function's priming
   * logs it and lets the snapshot be taken.
   */
  public List<Failure> run() {
    Map<String, Runnable> registered;
    synchronized (this) {
      registered = new LinkedHashMap<>(steps);
    }
    List<Failure> failures = new ArrayList<>();
    registered.forEach((what, step) -> {
      try {
        step.run();
      } catch (RuntimeException e) {
        failures.add(new Failure(what, e));
      }
    });
    return failures;
  }

  private synchronized void register(String what, Runnable step) {
    steps.putIfAbsent(what, step);
  }

  private static Map<String, AttributeValue> key(String pkPrefix) {
    return Items.key(pkPrefix + SUFFIX, SUFFIX);
  }
}
