package dev.ticketing.bench.rush;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The capacity a response reports, per table and per index ({@code ReturnConsumedCapacity=INDEXES},
 * which {@link #askForIndexes} puts on every request), assigned to the partitions of the request's
 * {@link Footprint}: a table's units evenly over the request's items of that table, an index's
 * units evenly over the index partitions it touched. DynamoDB reports no finer split.
 */
final class ConsumedUnits {
  static final String UNKNOWN_INDEX_PARTITION = "(index partition unknown)";

  /** Units per element (base table, same order as the footprint) and per index partition (table + NUL + gsi1pk). */
  record Assignment(double[] basePerElement, Map<String, Double> indexByPartition, double total) {}

  private ConsumedUnits() {}

  /** The request with {@code ReturnConsumedCapacity=INDEXES}; benchmark clients only, production code never asks. */
  static SdkRequest askForIndexes(SdkRequest request) {
    ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
    if (request instanceof GetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof PutItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof QueryRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof ScanRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof BatchWriteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    } else if (request instanceof TransactWriteItemsRequest r) {
      return r.toBuilder().returnConsumedCapacity(indexes).build();
    }
    return request;
  }

  static List<ConsumedCapacity> of(SdkResponse response) {
    List<ConsumedCapacity> all = new ArrayList<>();
    if (response instanceof GetItemResponse r) {
      add(all, r.consumedCapacity());
    } else if (response instanceof PutItemResponse r) {
      add(all, r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r) {
      add(all, r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r) {
      add(all, r.consumedCapacity());
    } else if (response instanceof QueryResponse r) {
      add(all, r.consumedCapacity());
    } else if (response instanceof ScanResponse r) {
      add(all, r.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    } else if (response instanceof BatchWriteItemResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    } else if (response instanceof TransactWriteItemsResponse r && r.hasConsumedCapacity()) {
      all.addAll(r.consumedCapacity());
    }
    return all;
  }

  static Assignment assign(List<Footprint.Element> elements, List<ConsumedCapacity> capacities) {
    double[] base = new double[elements.size()];
    Map<String, Double> index = new HashMap<>();
    double total = 0;
    for (ConsumedCapacity c : capacities) {
      double indexUnits = indexUnits(c);
      double tableUnits = c.table() != null && c.table().capacityUnits() != null
          ? c.table().capacityUnits()
          : Math.max(0, nonNull(c.capacityUnits()) - indexUnits);
      total += tableUnits + indexUnits;
      List<Integer> ofTable = new ArrayList<>();
      Set<String> partitions = new LinkedHashSet<>();
      for (int i = 0; i < elements.size(); i++) {
        Footprint.Element e = elements.get(i);
        if (e.table().equals(c.tableName())) {
          if (e.pk() != null) {
            ofTable.add(i);
          }
          e.indexPartitions().forEach(p -> partitions.add(e.table() + "\u0000" + p));
        }
      }
      for (int i : ofTable) {
        base[i] += tableUnits / ofTable.size();
      }
      if (indexUnits > 0) {
        if (partitions.isEmpty()) {
          partitions.add(c.tableName() + "\u0000" + UNKNOWN_INDEX_PARTITION);
        }
        for (String p : partitions) {
          index.merge(p, indexUnits / partitions.size(), Double::sum);
        }
      }
    }
    return new Assignment(base, index, total);
  }

  private static double indexUnits(ConsumedCapacity c) {
    if (!c.hasGlobalSecondaryIndexes()) {
      return 0;
    }
    Capacity index = c.globalSecondaryIndexes().get(Footprint.INDEX);
    return index == null ? 0 : nonNull(index.capacityUnits());
  }

  private static void add(List<ConsumedCapacity> all, ConsumedCapacity c) {
    if (c != null) {
      all.add(c);
    }
  }

  private static double nonNull(Double value) {
    return value == null ? 0 : value;
  }
}
