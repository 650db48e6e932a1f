package dev.ticketing.local.rush;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulated users saw, to hold against the table at the end: the charges each user made
 * (a repeat under the same Idempotency-Key counted once), the payments they were answered with,
 * responses no step expects, and how each user's run ended.
 */
final class ClientRecord {
  /** A payment of an order as its buyer was told of it. */
  record PaidOrder(String userId, String reservationId, String paymentId, String scheduleId, List<Integer> seatNos, long amount) {
    List<String> seats() {
      return seatNos.stream().map(seatNo -> scheduleId + "#" + seatNo).toList();
    }
  }

  private final Map<String, Long> charged = new ConcurrentHashMap<>();
  private final Map<String, PaidOrder> paymentsByReservation = new ConcurrentHashMap<>();
  private final Map<String, PaidOrder> paymentsBySeat = new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder unexpectedCount = new LongAdder();
  private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
  private final Map<Shopper.Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();

  void charged(String userId, long amount) {
    charged.merge(userId, amount, Long::sum);
  }

  Map<String, Long> charges() {
    return Map.copyOf(charged);
  }

  /** A 201 or 200 answer to a payment; two buyers told they bought the same seat is a violation. */
  void paid(PaidOrder payment) {
    PaidOrder earlier = paymentsByReservation.putIfAbsent(payment.reservationId(), payment);
    if (earlier != null && !earlier.equals(payment)) {
      violation("reservation " + payment.reservationId() + " answered with two payments: " + earlier + " and " + payment);
    }
    for (String seat : payment.seats()) {
      PaidOrder seatOwner = paymentsBySeat.putIfAbsent(seat, payment);
      if (seatOwner != null && !seatOwner.reservationId().equals(payment.reservationId())) {
        violation("seat " + seat + " sold twice, to " + seatOwner.userId() + " and " + payment.userId());
      }
    }
  }

  Map<String, PaidOrder> payments() {
    return Map.copyOf(paymentsByReservation);
  }

  void violation(String what) {
    violations.add(what);
  }

  List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** A response no step of a buyer's journey expects at that point (a 5xx, an unknown code, ...). */
  void unexpected(String what) {
    unexpectedCount.increment();
    synchronized (unexpected) {
      if (unexpected.size() < 20) {
        unexpected.add(what);
      }
    }
  }

  long unexpectedCount() {
    return unexpectedCount.sum();
  }

  List<String> unexpectedSamples() {
    synchronized (unexpected) {
      return List.copyOf(unexpected);
    }
  }

  void event(String name) {
    events.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  Map<String, Long> events() {
    Map<String, Long> copy = new TreeMap<>();
    events.forEach((name, count) -> copy.put(name, count.sum()));
    return copy;
  }

  void ended(Shopper.Outcome outcome) {
    outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
  }

  Map<Shopper.Outcome, Long> outcomes() {
    Map<Shopper.Outcome, Long> copy = new TreeMap<>();
    outcomes.forEach((outcome, count) -> copy.put(outcome, count.sum()));
    return copy;
  }
}
