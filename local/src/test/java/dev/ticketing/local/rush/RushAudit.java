package dev.ticketing.local.rush;

import dev.ticketing.storage.UserPartition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The invariants checked on every item of the table after the rush, against each other and
 * against what the users were told:
 * <ul>
 *   <li>no seat sold twice: at most one payment per seat, each SOLD seat has exactly one payment
 *       (same reservation, same buyer), each payment is for the sum of its seats' prices and every
 *       seat of it is SOLD under its reservation (no order paid in part); CONFIRMED reservations
 *       and payments are the same set;
 *   <li>no seat held by two users at once: at most one running HELD reservation per seat;
 *   <li>the ticket limit: no user holds (running holds) and owns more than {@link #LIMIT} seats;
 *   <li>money conserved, per user and in total: sum of ledger entries = balance + sum of payments,
 *       and every user's ledger holds exactly the charges that user made (a repeat counted once);
 *   <li>the payments users were answered with are exactly the payments stored.
 * </ul>
 */
final class RushAudit {
  /** MAX_TICKETS_PER_USER, the runtime's default. */
  static final int LIMIT = 4;
  private final List<String> violations = new ArrayList<>();
  private int seats;
  private int soldSeats;
  private int payments;
  private int confirmedReservations;
  private int reservations;
  private long charged;
  private long balances;
  private long paid;
  private int users;
  private int untold;

  private RushAudit() {}

  /**
   * {@code complete}: every user finished. A run stopped at its deadline interrupts requests in
   * flight, so a payment may be stored whose buyer never heard of it: counted, not a violation.
   */
  static RushAudit of(List<Map<String, AttributeValue>> items, String concertId, ClientRecord client, Instant now,
      boolean complete) {
    RushAudit audit = new RushAudit();
    audit.check(items, concertId, client, now, complete);
    return audit;
  }

  private void check(List<Map<String, AttributeValue>> items, String concertId, ClientRecord client, Instant now,
      boolean complete) {
    Map<String, Map<String, AttributeValue>> seatItems = new HashMap<>();
    Map<String, Map<String, AttributeValue>> paymentsByReservation = new HashMap<>();
    Map<String, Integer> paymentsPerSeat = new HashMap<>();
    Map<String, Integer> runningHoldsPerSeat = new HashMap<>();
    Set<String> confirmed = new HashSet<>();
    Map<String, Long> ledger = new HashMap<>();
    Map<String, Long> balance = new HashMap<>();
    Map<String, Long> spent = new HashMap<>();
    Map<String, Integer> tickets = new HashMap<>();

    for (Map<String, AttributeValue> item : items) {
      String pk = item.get("pk").s();
      String sk = item.get("sk").s();
      if (pk.equals("CONCERT#" + concertId) && sk.contains("#SEAT#")) {
        seatItems.put(seat(s(item, "scheduleId", ""), (int) n(item, "seatNo")), item);
      } else if (pk.startsWith("USER#") && sk.startsWith("PAYMENT#")) {
        // Per-user sums are keyed by the user's partition: the key, not the id, is what a user owns.
        String user = pk;
        if (!pk.equals(UserPartition.pk(s(item, "userId", "")))) {
          violations.add("payment " + sk + " in " + pk + " names " + s(item, "userId", "nobody"));
        }
        paymentsByReservation.put(s(item, "reservationId", ""), item);
        seatNos(item).forEach(seatNo -> paymentsPerSeat.merge(seat(s(item, "scheduleId", ""), seatNo), 1, Integer::sum));
        spent.merge(user, n(item, "amount"), Long::sum);
        tickets.merge(s(item, "userId", ""), seatNos(item).size(), Integer::sum);  // by id, as holds are
      } else if (pk.startsWith("USER#") && sk.startsWith("CHARGE#")) {
        ledger.merge(pk, n(item, "amount"), Long::sum);
      } else if (pk.startsWith("USER#") && sk.equals("BALANCE")) {
        balance.put(pk, n(item, "balance"));
      } else if (pk.startsWith("RESERVATION#")) {
        reservations++;
        String status = s(item, "status", "");
        if (status.equals("CONFIRMED")) {
          confirmed.add(s(item, "reservationId", ""));
        } else if (status.equals("HELD") && n(item, "holdExpiresAt") > now.toEpochMilli()) {
          seatNos(item).forEach(seatNo -> runningHoldsPerSeat.merge(seat(s(item, "scheduleId", ""), seatNo), 1, Integer::sum));
          tickets.merge(s(item, "userId", ""), seatNos(item).size(), Integer::sum);
        }
      }
    }
    seats = seatItems.size();
    payments = paymentsByReservation.size();
    confirmedReservations = confirmed.size();

    paymentsPerSeat.forEach((seat, count) -> {
      if (count > 1) {
        violations.add("seat " + seat + " has " + count + " payments: sold twice");
      }
    });
    runningHoldsPerSeat.forEach((seat, count) -> {
      if (count > 1) {
        violations.add("seat " + seat + " has " + count + " running holds");
      }
    });
    seatItems.forEach((seat, item) -> {
      if (!"SOLD".equals(s(item, "status", ""))) {
        return;
      }
      soldSeats++;
      Map<String, AttributeValue> payment = paymentsByReservation.get(s(item, "reservationId", ""));
      if (payment == null) {
        violations.add("seat " + seat + " is SOLD without a payment for its reservation");
      } else if (!s(payment, "userId", "").equals(s(item, "holdUserId", ""))
          || seatNos(payment).stream().noneMatch(seatNo -> seat(s(payment, "scheduleId", ""), seatNo).equals(seat))) {
        violations.add("seat " + seat + " SOLD to " + s(item, "holdUserId", "?") + " but its payment says " + payment);
      }
    });
    paymentsByReservation.forEach((reservationId, payment) -> {
      long prices = 0;
      for (int seatNo : seatNos(payment)) {
        Map<String, AttributeValue> seat = seatItems.get(seat(s(payment, "scheduleId", ""), seatNo));
        if (seat == null || !"SOLD".equals(s(seat, "status", "")) || !reservationId.equals(s(seat, "reservationId", ""))) {
          violations.add("payment for reservation " + reservationId + " but its seat " + seatNo + " is " + seat);
        } else {
          prices += n(seat, "price");
        }
      }
      if (prices != n(payment, "amount")) {
        violations.add("payment for reservation " + reservationId + " of " + n(payment, "amount") + ", its seats cost " + prices);
      }
      if (!confirmed.contains(reservationId)) {
        violations.add("payment for reservation " + reservationId + ", which is not CONFIRMED");
      }
    });
    confirmed.forEach(reservationId -> {
      if (!paymentsByReservation.containsKey(reservationId)) {
        violations.add("reservation " + reservationId + " is CONFIRMED without a payment");
      }
    });

    tickets.forEach((user, count) -> {
      if (count > LIMIT) {
        violations.add(user + " holds and owns " + count + " seats, over the limit of " + LIMIT);
      }
    });

    Map<String, Long> made = new HashMap<>();
    client.charges().forEach((userId, amount) -> made.merge(UserPartition.pk(userId), amount, Long::sum));
    Set<String> everyone = new HashSet<>(ledger.keySet());
    everyone.addAll(balance.keySet());
    everyone.addAll(spent.keySet());
    everyone.addAll(made.keySet());
    users = everyone.size();
    for (String user : everyone) {
      String who = user.substring(UserPartition.PREFIX.length());
      long in = ledger.getOrDefault(user, 0L);
      long left = balance.getOrDefault(user, 0L);
      long out = spent.getOrDefault(user, 0L);
      if (in != left + out) {
        violations.add(who + ": charges " + in + " != balance " + left + " + payments " + out);
      }
      if (left < 0) {
        violations.add(who + ": negative balance " + left);
      }
      long madeByUser = made.getOrDefault(user, 0L);
      if (in != madeByUser) {
        violations.add(who + ": made charges of " + madeByUser + " but the ledger holds " + in);
      }
      charged += in;
      balances += left;
      paid += out;
    }
    if (charged != balances + paid) {
      violations.add("in total: charges " + charged + " != balances " + balances + " + payments " + paid);
    }

    Map<String, ClientRecord.PaidOrder> told = client.payments();
    told.forEach((reservationId, payment) -> {
      Map<String, AttributeValue> stored = paymentsByReservation.get(reservationId);
      if (stored == null || !s(stored, "paymentId", "").equals(payment.paymentId()) || n(stored, "amount") != payment.amount()) {
        violations.add(payment.userId() + " was told of payment " + payment + " but the table holds " + stored);
      }
    });
    paymentsByReservation.keySet().forEach(reservationId -> {
      if (!told.containsKey(reservationId)) {
        untold++;
        if (complete) {
          violations.add("payment for reservation " + reservationId + " that no user was told of");
        }
      }
    });
  }

  /** The seats of a reservation ({@code seats}) or payment ({@code seatNos}); an item stored before orders has one {@code seatNo}. */
  private static List<Integer> seatNos(Map<String, AttributeValue> item) {
    if (item.containsKey("seatNos")) {
      return item.get("seatNos").l().stream().map(v -> Integer.parseInt(v.n())).toList();
    }
    if (item.containsKey("seats")) {
      return item.get("seats").l().stream().map(v -> Integer.parseInt(v.m().get("seatNo").n())).toList();
    }
    return List.of((int) n(item, "seatNo"));
  }

  private static String seat(String scheduleId, int seatNo) {
    return scheduleId + "#" + seatNo;
  }

  private static String s(Map<String, AttributeValue> item, String name, String fallback) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? fallback : value.s();
  }

  private static long n(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  int seats() {
    return seats;
  }

  int soldSeats() {
    return soldSeats;
  }

  int payments() {
    return payments;
  }

  int confirmedReservations() {
    return confirmedReservations;
  }

  int reservations() {
    return reservations;
  }

  long charged() {
    return charged;
  }

  long balances() {
    return balances;
  }

  long paid() {
    return paid;
  }

  /** Stored payments whose buyer's request was cut off by the deadline. */
  int untoldPayments() {
    return untold;
  }

  int users() {
    return users;
  }
}
