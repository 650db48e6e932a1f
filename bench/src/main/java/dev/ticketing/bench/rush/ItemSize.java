package dev.ticketing.bench.rush;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An item's size as DynamoDB counts it for capacity: attribute names plus values, approximately. */
final class ItemSize {
  private ItemSize() {}

  static long of(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      bytes += utf8(attribute.getKey()) + value(attribute.getValue());
    }
    return bytes;
  }

  private static long value(AttributeValue v) {
    if (v.s() != null) {
      return utf8(v.s());
    } else if (v.n() != null) {
      return v.n().length() / 2 + 1;  // about one byte per two significant digits, plus one
    } else if (v.b() != null) {
      return v.b().asByteArray().length;
    } else if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
      return 1;
    } else if (v.hasSs()) {
      return v.ss().stream().mapToLong(ItemSize::utf8).sum();
    } else if (v.hasNs()) {
      return v.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
    } else if (v.hasL()) {
      return 3 + v.l().stream().mapToLong(e -> 1 + value(e)).sum();
    } else if (v.hasM()) {
      return 3 + of(v.m()) + v.m().size();
    }
    return 1;
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
