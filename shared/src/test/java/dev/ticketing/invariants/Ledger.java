package dev.ticketing.invariants;

import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a whole table and checks the invariants of docs/design.md on what it holds at {@code now}:
 * money conserved per user and in total; every seat sold once and held by one reservation; an
 * order held or sold whole, never in part; payments equal sold seats at their stored prices; and
 * every user's ticket count in step with the reservations and the seats (its running holds are
 * exactly the user's HELD reservations still running, its paid seats the seats sold to the user,
 * both together within the limit). Returns the violations found; the target is none.
 */
public final class Ledger {
  /** MAX_TICKETS_PER_USER's default. */
  public static final int DEFAULT_LIMIT = 4;

  private Ledger() {}

  public static List<String> violations(TestTable table, Instant now) {
    return violations(table, now, DEFAULT_LIMIT);
  }

  public static List<String> violations(TestTable table, Instant now, int maxTicketsPerUser) {
    List<Map<String, AttributeValue>> items = table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true))
        .items().stream().toList();
    Map<String, Long> charged = new HashMap<>();
    Map<String, Long> balances = new HashMap<>();
    Map<String, Long> paid = new HashMap<>();
    Map<String, Map<String, AttributeValue>> seats = new HashMap<>();
    Map<String, Order> reservations = new HashMap<>();
    Map<String, Map<String, AttributeValue>> counts = new HashMap<>();
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
      } else if (pk.startsWith("USER#") && sk.startsWith("TICKETS#")) {
        counts.put(Items.string(item, "userId") + "|" + Items.string(item, "concertId"), item);
      } else if (pk.startsWith("CONCERT#") && sk.contains("#SEAT#")) {
        seats.put(seatKey(Items.string(item, "concertId"), Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo")), item);
      } else if (pk.startsWith("RESERVATION#")) {
        Order order = Order.of(item);
        reservations.put(order.id(), order);
      }
    }
    List<String> violations = new ArrayList<>();
    money(charged, balances, paid, violations);
    seatsAndOrders(seats, reservations, payments, now, violations);
    counts(counts, reservations, seats, payments, now, maxTicketsPerUser, violations);
    return violations;
  }

  /** A reservation item as the checks need it. */
  private record Order(String id, String userId, String concertId, String scheduleId, List<Integer> seatNos, long price,
      long seatPriceSum, String status, long holdExpiresAt) {
    static Order of(Map<String, AttributeValue> item) {
      List<Integer> seatNos = item.get("seats").l().stream().map(s -> Integer.parseInt(s.m().get("seatNo").n())).toList();
      long sum = item.get("seats").l().stream().mapToLong(s -> Long.parseLong(s.m().get("price").n())).sum();
      return new Order(Items.string(item, "reservationId"), Items.string(item, "userId"), Items.string(item, "concertId"),
          Items.string(item, "scheduleId"), seatNos, Items.number(item, "price"), sum, Items.string(item, "status"),
          Items.number(item, "holdExpiresAt"));
    }

    boolean runningAt(Instant now) {
      return status.equals("HELD") && holdExpiresAt > now.toEpochMilli();
    }

    List<String> seatKeys() {
      return seatNos.stream().map(n -> seatKey(concertId, scheduleId, n)).toList();
    }
  }

  private static String seatKey(String concertId, String scheduleId, int seatNo) {
    return concertId + "/" + scheduleId + "/" + seatNo;
  }

  private static void money(Map<String, Long> charged, Map<String, Long> balances, Map<String, Long> paid, List<String> violations) {
    Set<String> users = new TreeSet<>();
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
  }

  private static void seatsAndOrders(Map<String, Map<String, AttributeValue>> seats, Map<String, Order> reservations,
      List<Map<String, AttributeValue>> payments, Instant now, List<String> violations) {
    long sold = 0;
    for (Map.Entry<String, Map<String, AttributeValue>> entry : seats.entrySet()) {
      Map<String, AttributeValue> seat = entry.getValue();
      String status = Items.string(seat, "status");
      Order order = reservations.get(Items.string(seat, "reservationId"));
      if ("SOLD".equals(status)) {
        sold++;
        if (order == null || !"CONFIRMED".equals(order.status()) || !order.seatKeys().contains(entry.getKey())
            || !Objects.equals(order.userId(), Items.string(seat, "holdUserId"))) {
          violations.add("seat " + entry.getKey() + " SOLD without its CONFIRMED reservation of the buyer");
        }
      } else if ("HELD".equals(status)) {
        if (order == null || !order.seatKeys().contains(entry.getKey())
            || !Objects.equals(order.userId(), Items.string(seat, "holdUserId"))) {
          violations.add("seat " + entry.getKey() + " HELD without its reservation");
        } else if (Items.number(seat, "holdExpiresAt") > now.toEpochMilli() && !order.runningAt(now)) {
          violations.add("seat " + entry.getKey() + " held by " + order.id() + ", which is " + order.status());
        }
      }
    }
    long soldInOrders = 0;
    for (Order order : reservations.values()) {
      if (order.price() != order.seatPriceSum()) {
        violations.add("reservation " + order.id() + " costs " + order.price() + ", its seats " + order.seatPriceSum());
      }
      for (String key : order.seatKeys()) {
        Map<String, AttributeValue> seat = seats.get(key);
        boolean mine = seat != null && order.id().equals(Items.string(seat, "reservationId"));
        String seatStatus = seat == null ? "missing" : Items.string(seat, "status");
        if (order.status().equals("CONFIRMED") && !(mine && "SOLD".equals(seatStatus))) {
          violations.add("reservation " + order.id() + " CONFIRMED but seat " + key + " is " + seatStatus + ": a partial order");
        } else if (order.runningAt(now) && !(mine && "HELD".equals(seatStatus))) {
          violations.add("reservation " + order.id() + " HELD but seat " + key + " is " + seatStatus + ": a partial order");
        } else if (!order.status().equals("CONFIRMED") && mine && "SOLD".equals(seatStatus)) {
          violations.add("seat " + key + " SOLD under reservation " + order.id() + ", which is " + order.status());
        } else if (order.status().equals("RELEASED") && mine) {
          violations.add("seat " + key + " still held under " + order.id() + ", which was given up");
        }
      }
      if (order.status().equals("CONFIRMED")) {
        soldInOrders += order.seatNos().size();
      }
    }
    long paidSeats = payments.stream().mapToLong(p -> p.get("seatNos").l().size()).sum();
    if (soldInOrders != sold || paidSeats != sold) {
      violations.add("sold seats " + sold + ", seats of confirmed reservations " + soldInOrders + ", seats paid " + paidSeats);
    }
    Map<String, Long> paymentsPerReservation = new HashMap<>();
    for (Map<String, AttributeValue> payment : payments) {
      String reservationId = Items.string(payment, "reservationId");
      paymentsPerReservation.merge(reservationId, 1L, Long::sum);
      Order order = reservations.get(reservationId);
      if (order == null || order.price() != Items.number(payment, "amount")) {
        violations.add("payment of " + reservationId + " not for the stored price");
      } else if (!payment.get("seatNos").l().stream()
          .map(v -> Integer.parseInt(v.n())).toList().equals(order.seatNos())) {
        violations.add("payment of " + reservationId + " names other seats than its reservation");
      }
    }
    paymentsPerReservation.forEach((id, count) -> {
      if (count > 1) {
        violations.add("reservation " + id + " paid " + count + " times");
      }
    });
  }

  private static void counts(Map<String, Map<String, AttributeValue>> counts, Map<String, Order> reservations,
      Map<String, Map<String, AttributeValue>> seats, List<Map<String, AttributeValue>> payments, Instant now, int limit,
      List<String> violations) {
    Map<String, List<Order>> byOwner = new HashMap<>();
    reservations.values().forEach(order -> byOwner.computeIfAbsent(order.userId() + "|" + order.concertId(),
        k -> new ArrayList<>()).add(order));
    Set<String> owners = new TreeSet<>(byOwner.keySet());
    owners.addAll(counts.keySet());
    for (String owner : owners) {
      List<Order> orders = byOwner.getOrDefault(owner, List.of());
      Map<String, AttributeValue> count = counts.get(owner);
      Map<String, AttributeValue> listed = count == null || !count.containsKey("holds") ? Map.of() : count.get("holds").m();
      long paidSeats = count == null || !count.containsKey("paidSeats") ? 0 : Items.number(count, "paidSeats");
      int liveSeats = 0;
      for (Map.Entry<String, AttributeValue> entry : listed.entrySet()) {
        Map<String, AttributeValue> hold = entry.getValue().m();
        long expiresAt = Items.number(hold, "expiresAt");
        Order order = reservations.get(entry.getKey());
        List<Integer> seatNos = hold.get("seatNos").l().stream().map(v -> Integer.parseInt(v.n())).toList();
        if (order == null || !owner.equals(order.userId() + "|" + order.concertId()) || order.holdExpiresAt() != expiresAt
            || !order.seatNos().equals(seatNos) || !order.scheduleId().equals(Items.string(hold, "scheduleId"))) {
          violations.add(owner + ": the count lists " + entry.getKey() + ", which is not that hold");
        } else if (expiresAt > now.toEpochMilli()) {
          liveSeats += seatNos.size();
          if (!order.status().equals("HELD")) {
            violations.add(owner + ": the count lists a running hold " + entry.getKey() + ", which is " + order.status());
          }
        } else if (!order.status().equals("HELD") && !order.status().equals("EXPIRED")) {
          violations.add(owner + ": the count lists " + entry.getKey() + ", which is " + order.status());
        }
      }
      for (Order order : orders) {
        if (order.status().equals("HELD") && !listed.containsKey(order.id())) {
          violations.add(owner + ": HELD reservation " + order.id() + " is missing from the count");
        }
      }
      String user = owner.substring(0, owner.indexOf('|'));
      String concert = owner.substring(owner.indexOf('|') + 1);
      long paid = payments.stream()
          .filter(p -> user.equals(Items.string(p, "userId")) && concert.equals(Items.string(p, "concertId")))
          .mapToLong(p -> p.get("seatNos").l().size()).sum();
      long confirmedSeats = orders.stream().filter(o -> o.status().equals("CONFIRMED")).mapToLong(o -> o.seatNos().size()).sum();
      long soldToUser = seats.entrySet().stream()
          .filter(e -> e.getKey().startsWith(concert + "/") && "SOLD".equals(Items.string(e.getValue(), "status"))
              && user.equals(Items.string(e.getValue(), "holdUserId")))
          .count();
      if (paidSeats != paid || confirmedSeats != soldToUser) {
        violations.add(owner + ": the count has " + paidSeats + " paid seats, payments " + paid
            + ", confirmed reservations " + confirmedSeats + ", seats sold to the user " + soldToUser);
      }
      if (liveSeats + paidSeats > limit) {
        violations.add(owner + ": " + liveSeats + " seats held and " + paidSeats + " paid, over the limit of " + limit);
      }
    }
  }
}
