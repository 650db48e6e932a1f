package dev.ticketing.sale.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.sale.AuditEntry;
import dev.ticketing.sale.SaleControl;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sale's control and audit items, in the concert's partition (docs/data-model.md, "Sale"):
 * {@code SALECONTROL}, and {@code AUDIT#<the control's version after the change, 19 digits>} per
 * change, so the trail reads newest first in one Query, in the order the changes were committed
 * (the compare-and-set gives each its own version), whatever the operators' clocks say.
 */
public final class SaleItems {
  /**
   * The partition prefix of a concert and everything it holds: the sale's items and the
   * catalogue's. Declared here, in the lowest feature that keeps items in it; public because the
   * catalogue and other features' stores read and write in it, and prime those requests within the
   * same IAM leading key.
   */
  public static final String CONCERT_PREFIX = "CONCERT#";
  /** The sort key of the concert's own item, which holds the sale's terms beside the catalogue's fields. */
  public static final String CONCERT_SK = "CONCERT";
  static final String CONTROL_SK = "SALECONTROL";
  static final String AUDIT_PREFIX = "AUDIT#";

  private SaleItems() {}

  static String pk(String concertId) {
    return CONCERT_PREFIX + concertId;
  }

  /** The key of a concert's own item. */
  public static Map<String, AttributeValue> concertKey(String concertId) {
    return Items.key(pk(concertId), CONCERT_SK);
  }

  static Map<String, AttributeValue> controlKey(String concertId) {
    return Items.key(pk(concertId), CONTROL_SK);
  }

  static Map<String, AttributeValue> controlItem(String concertId, SaleControl control) {
    Map<String, AttributeValue> item = new HashMap<>(controlKey(concertId));
    item.put("paused", AttributeValue.fromBool(control.paused()));
    item.put("closed", AttributeValue.fromBool(control.closed()));
    control.maxActive().ifPresent(max -> item.put("maxActive", n(max)));
    item.put("version", n(control.version()));
    return item;
  }

  static SaleControl controlOf(Map<String, AttributeValue> item) {
    return new SaleControl(Boolean.TRUE.equals(item.get("paused").bool()), Boolean.TRUE.equals(item.get("closed").bool()),
        item.containsKey("maxActive") ? Optional.of((int) Items.number(item, "maxActive")) : Optional.empty(),
        Items.number(item, "version"));
  }

  static Map<String, AttributeValue> auditItem(String concertId, long version, AuditEntry entry) {
    Map<String, AttributeValue> item = new HashMap<>(Items.key(pk(concertId), String.format("%s%019d", AUDIT_PREFIX, version)));
    item.put("at", s(entry.at().toString()));
    item.put("operator", s(entry.operator()));
    item.put("identity", s(entry.identity()));
    item.put("command", s(entry.command()));
    item.put("before", s(entry.before()));
    item.put("after", s(entry.after()));
    return item;
  }

  static AuditEntry auditOf(Map<String, AttributeValue> item) {
    return new AuditEntry(Instant.parse(Items.string(item, "at")), Items.string(item, "operator"),
        Items.string(item, "identity"), Items.string(item, "command"), Items.string(item, "before"), Items.string(item, "after"));
  }
}
