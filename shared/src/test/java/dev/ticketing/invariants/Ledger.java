package dev.ticketing.invariants;

import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.Items;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a whole table and checks the invariants of DESIGN.md on what it holds: money conserved
 * per user and in total, every seat sold once and held by one reservation, payments equal sold
 * seats at their stored price. Returns the violations found; the target is none.
 */
public final class Ledger {
  private Ledger() {}

  public static List<String> violations(TestTable table) {
    List<Map<String, AttributeValue>> items = table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true))
        .items().stream().toList();
    Map<String, Long> charged = new HashMap<>();
    Map<String, Long> balances = new HashMap<>();
    Map<String, Long> paid = new HashMap<>();
    Map<String, Map<String, AttributeValue>> seats = new HashMap<>();
    Map<String, Map<String, AttributeValue>> reservations = new HashMap<>();
    List<Map<String, AttributeValue>> payments = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      String pk = Items.string(item, "pk");
      String sk = Items.string(item, "sk");
      if (pk.startsWith("USER#") && sk.startsWith("CHARGE#")) {
        charged.merge(pk, Items.number(item, "amount"), Long::sum);
      } else if (pk.startsWith("USER#") && sk.equals("BALANCE")) {
        balances.put(pk, Items.number(item, "balance"));
      } else if (pk.startsWith("USER#") && sk.startsWith("PAYMENT#")) {
        paid.merge(pk, Items.number(item, "amount"), Long::sum);
        payments.add(item);
      } else if (pk.startsWith("CONCERT#") && sk.contains("#SEAT#")) {
        seats.put(pk + "|" + sk, item);
      } else if (pk.startsWith("RESERVATION#")) {
        reservations.put(Items.string(item, "reservationId"), item);
      }
    }
    List<String> violations = new ArrayList<>();
    java.util.Set<String> users = new java.util.TreeSet<>();
    users.addAll(charged.keySet());
    users.addAll(balances.keySet());
    users.addAll(paid.keySet());
    for (String user : users) {
      long in = charged.getOrDefault(user, 0L);
      long held = balances.getOrDefault(user, 0L);
      long out = paid.getOrDefault(user, 0L);
      if (in != held + out) {
        violations.add(user + ": charges " + in + " != balance " + held + " + payments " + out);
      }
      if (held < 0) {
        violations.add(user + ": negative balance " + held);
      }
    }

    long sold = 0;
    for (Map<String, AttributeValue> seat : seats.values()) {
      String status = Items.string(seat, "status");
      String reservationId = Items.string(seat, "reservationId");
      if ("SOLD".equals(status)) {
        sold++;
        Map<String, AttributeValue> reservation = reservations.get(reservationId);
        if (reservation == null || !"CONFIRMED".equals(Items.string(reservation, "status"))
            || !Objects.equals(Items.string(reservation, "userId"), Items.string(seat, "holdUserId"))) {
          violations.add("seat " + Items.string(seat, "sk") + " SOLD without its CONFIRMED reservation of the buyer");
        }
      } else if ("HELD".equals(status)) {
        Map<String, AttributeValue> reservation = reservations.get(reservationId);
        if (reservation == null || !Objects.equals(Items.string(reservation, "userId"), Items.string(seat, "holdUserId"))) {
          violations.add("seat " + Items.string(seat, "sk") + " HELD without its reservation");
        }
      }
    }
    long confirmed = reservations.values().stream().filter(r -> "CONFIRMED".equals(Items.string(r, "status"))).count();
    if (confirmed != sold || payments.size() != sold) {
      violations.add("sold seats " + sold + ", confirmed reservations " + confirmed + ", payments " + payments.size());
    }
    Map<String, Long> paymentsPerReservation = new HashMap<>();
    for (Map<String, AttributeValue> payment : payments) {
      String reservationId = Items.string(payment, "reservationId");
      paymentsPerReservation.merge(reservationId, 1L, Long::sum);
      Map<String, AttributeValue> reservation = reservations.get(reservationId);
      if (reservation == null || Items.number(reservation, "price") != Items.number(payment, "amount")) {
        violations.add("payment of " + reservationId + " not for the stored price");
      }
    }
    paymentsPerReservation.forEach((id, count) -> {
      if (count > 1) {
        violations.add("reservation " + id + " paid " + count + " times");
      }
    });
    return violations;
  }
}
