package dev.ticketing.bench.rush;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What one DynamoDB request touches, in the units DynamoDB limits: each element is an item of
 * the base table (its partition key {@code pk} and sort key {@code sk}) or, for a query, one
 * partition; plus the partitions of the overloaded sparse index {@code gsi1} it reads or, for a
 * write, rewrites. A write touches the index partition the item was in before (from
 * {@link IndexShadow}) and the one it is in after: the projection is ALL, so any change to an
 * indexed item rewrites its index entry, and moving it deletes one entry and writes another.
 * Estimated units are what the request is expected to consume before it runs (1 KB write units,
 * doubled in a transaction; 4 KB read units, halved when eventually consistent); the response's
 * consumed capacity settles the difference.
 */
record Footprint(String operation, boolean write, List<Element> elements) {
  static final String INDEX = "gsi1";
  static final String INDEX_KEY = "gsi1pk";
  private static final Pattern KEY_CONDITION = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

  /**
   * One item or partition: {@code pk} is null for a query of the index, {@code sk} null for a
   * query; {@code indexPartitions} are gsi1 partition keys (the queried one, or those a write
   * rewrites); {@code indexAfter} is, for a write, the item's gsi1pk once it succeeded (null: not
   * in the index); units are estimates, per element for the base table and per index partition.
   */
  record Element(String table, String pk, String sk, List<String> indexPartitions, String indexAfter, double baseUnits,
      double indexUnits) {
    String item() {
      return sk == null ? null : pk + "\u0000" + sk;
    }
  }

  Set<String> basePartitions() {
    Set<String> partitions = new LinkedHashSet<>();
    elements.forEach(e -> {
      if (e.pk() != null) {
        partitions.add(e.table() + "\u0000" + e.pk());
      }
    });
    return partitions;
  }

  Set<String> items() {
    Set<String> items = new LinkedHashSet<>();
    elements.forEach(e -> {
      if (e.item() != null) {
        items.add(e.table() + "\u0000" + e.item());
      }
    });
    return items;
  }

  Set<String> indexPartitions() {
    Set<String> partitions = new LinkedHashSet<>();
    elements.forEach(e -> e.indexPartitions().forEach(p -> partitions.add(e.table() + "\u0000" + p)));
    return partitions;
  }

  /** The footprint of {@code request}, or an empty one for operations the rush does not use. */
  static Footprint of(String operation, SdkRequest request, IndexShadow shadow) {
    List<Element> elements = new ArrayList<>();
    boolean write = false;
    if (request instanceof GetItemRequest r) {
      elements.add(read(r.tableName(), r.key(), r.consistentRead()));
    } else if (request instanceof BatchGetItemRequest r) {
      for (Map.Entry<String, KeysAndAttributes> table : r.requestItems().entrySet()) {
        table.getValue().keys().forEach(key -> elements.add(read(table.getKey(), key, table.getValue().consistentRead())));
      }
    } else if (request instanceof QueryRequest r) {
      elements.add(query(r));
    } else if (request instanceof PutItemRequest r) {
      write = true;
      elements.add(put(r.tableName(), r.item(), shadow, 1));
    } else if (request instanceof UpdateItemRequest r) {
      write = true;
      elements.add(update(r.tableName(), r.key(), r.updateExpression(), r.expressionAttributeNames(),
          r.expressionAttributeValues(), shadow, 1));
    } else if (request instanceof DeleteItemRequest r) {
      write = true;
      elements.add(delete(r.tableName(), r.key(), shadow, 1));
    } else if (request instanceof TransactWriteItemsRequest r) {
      write = true;
      r.transactItems().forEach(item -> elements.add(transactional(item, shadow)));
    } else if (request instanceof BatchWriteItemRequest r) {
      write = true;
      for (Map.Entry<String, List<WriteRequest>> table : r.requestItems().entrySet()) {
        for (WriteRequest w : table.getValue()) {
          elements.add(w.putRequest() != null
              ? put(table.getKey(), w.putRequest().item(), shadow, 1)
              : delete(table.getKey(), w.deleteRequest().key(), shadow, 1));
        }
      }
    }
    return new Footprint(operation, write, List.copyOf(elements));
  }

  private static Element read(String table, Map<String, AttributeValue> key, Boolean consistent) {
    return new Element(table, string(key, "pk"), string(key, "sk"), List.of(), null, readUnits(consistent), 0);
  }

  private static Element query(QueryRequest r) {
    String partition = null;
    String expectedKey = r.indexName() == null ? "pk" : INDEX_KEY;
    Matcher m = KEY_CONDITION.matcher(r.keyConditionExpression() == null ? "" : r.keyConditionExpression());
    while (m.find() && partition == null) {
      String name = m.group(1).startsWith("#") ? r.expressionAttributeNames().get(m.group(1)) : m.group(1);
      if (expectedKey.equals(name)) {
        partition = string(r.expressionAttributeValues(), m.group(2));
      }
    }
    String known = partition == null ? "(unparsed key condition)" : partition;
    return r.indexName() == null
        ? new Element(r.tableName(), known, null, List.of(), null, readUnits(r.consistentRead()), 0)
        : new Element(r.tableName(), null, null, List.of(known), null, 0, readUnits(r.consistentRead()));
  }

  private static Element transactional(TransactWriteItem item, IndexShadow shadow) {
    if (item.put() != null) {
      Put p = item.put();
      return put(p.tableName(), p.item(), shadow, 2);
    } else if (item.update() != null) {
      Update u = item.update();
      return update(u.tableName(), u.key(), u.updateExpression(), u.expressionAttributeNames(), u.expressionAttributeValues(),
          shadow, 2);
    } else if (item.delete() != null) {
      Delete d = item.delete();
      return delete(d.tableName(), d.key(), shadow, 2);
    }
    ConditionCheck c = item.conditionCheck();
    String pk = string(c.key(), "pk");
    String sk = string(c.key(), "sk");
    return new Element(c.tableName(), pk, sk, List.of(), shadow.indexPartition(c.tableName(), pk, sk), 2, 0);
  }

  private static Element put(String table, Map<String, AttributeValue> item, IndexShadow shadow, int factor) {
    String pk = string(item, "pk");
    String sk = string(item, "sk");
    double units = writeUnits(ItemSize.of(item));
    String after = string(item, INDEX_KEY);
    return new Element(table, pk, sk, partitions(shadow.indexPartition(table, pk, sk), after), after, units * factor, units);
  }

  private static Element update(String table, Map<String, AttributeValue> key, String expression, Map<String, String> names,
      Map<String, AttributeValue> values, IndexShadow shadow, int factor) {
    String pk = string(key, "pk");
    String sk = string(key, "sk");
    String before = shadow.indexPartition(table, pk, sk);
    UpdateExpressions.IndexKeyChange change = UpdateExpressions.indexKeyChange(expression, names, values, before);
    return new Element(table, pk, sk, partitions(before, change.after()), change.after(), factor, 1);
  }

  private static Element delete(String table, Map<String, AttributeValue> key, IndexShadow shadow, int factor) {
    String pk = string(key, "pk");
    String sk = string(key, "sk");
    return new Element(table, pk, sk, partitions(shadow.indexPartition(table, pk, sk), null), null, factor, 1);
  }

  private static List<String> partitions(String before, String after) {
    Set<String> touched = new LinkedHashSet<>();
    if (before != null) {
      touched.add(before);
    }
    if (after != null) {
      touched.add(after);
    }
    return List.copyOf(touched);
  }

  static double readUnits(Boolean consistent) {
    return Boolean.TRUE.equals(consistent) ? 1.0 : 0.5;
  }

  static double writeUnits(long bytes) {
    return Math.max(1, Math.ceil(bytes / 1024.0));
  }

  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item == null ? null : item.get(name);
    return value == null ? null : value.s();
  }
}
