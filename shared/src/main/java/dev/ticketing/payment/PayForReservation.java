package dev.ticketing.payment;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.queue.gate.ActiveSession;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReleaseOtherHolds;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReservationStore;
import dev.ticketing.reservation.TicketCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case: pay for a held order from the prepaid balance, every seat of it, for the sum of their
 * stored prices. Requests: the reservation's read, one read of the token together with the
 * caller's ticket count (plus the gate's first-use write once per token), and one transaction.
 * After it commits, the caller's other holds of the concert are given up (best effort).
 *
 * <p>Paying again for a paid reservation answers with the existing payment. It passes the same
 * gate, except that the token that paid is accepted although the payment expired it: a missing
 * token, another user's or an ended turn's is still refused.
 */
public final class PayForReservation {
  private final ReservationStore reservations;
  private final TicketCounts counts;
  private final PaymentStore payments;
  private final QueueGate gate;
  private final ReleaseOtherHolds releaseOthers;
  private final Clock clock;
  private final Metrics metrics;

  public sealed interface Result permits Result.Paid, Result.AlreadyPaid {
    Payment payment();

    record Paid(Payment payment) implements Result {}

    record AlreadyPaid(Payment payment) implements Result {}
  }

  @Inject
  public PayForReservation(ReservationStore reservations, TicketCounts counts, PaymentStore payments, QueueGate gate,
      ReleaseOtherHolds releaseOthers, Clock clock, Metrics metrics) {
    this.reservations = reservations;
    this.counts = counts;
    this.payments = payments;
    this.gate = gate;
    this.releaseOthers = releaseOthers;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Result pay(String userId, Optional<QueueTokenId> queueToken, PaymentRequest request) {
    Reservation reservation = ownReservation(userId, request.reservationId());
    if (reservation.storedStatus() == ReservationStatus.CONFIRMED) {
      return repeated(userId, reservation, queueToken);
    }
    QueueGate.Admitted<TicketCounts.Gated> admitted = gate.admit(userId, reservation.concertId(), queueToken,
        id -> counts.readWithToken(id, userId, reservation.concertId()));
    ActiveSession session = admitted.session();
    TicketCounts.Gated read = admitted.read();
    Instant now = Instants.now(clock);
    if (reservation.statusAt(now) != ReservationStatus.HELD || !session.began(reservation.heldAt())) {
      // A hold made before this turn began belongs to a turn that ended early (a close): it is
      // not this turn's to pay, even before maintenance gives its seats back.
      throw holdExpired();
    }
    PaymentRecord record = PaymentRecords.of(reservation, session, now);
    Result result = switch (payments.pay(reservation, record, session)) {
      case PAID -> counted(record.payment(), new Result.Paid(record.payment()));
      // This request's own write, whose answer the SDK lost: a payment made now, answered as a repeat.
      case ALREADY_RECORDED -> counted(record.payment(), new Result.AlreadyPaid(record.payment()));
      case RESERVATION_NOT_HELD -> {
        // Paid by a concurrent request of the same user? Then that payment is the answer.
        Reservation latest = ownReservation(userId, reservation.reservationId());
        if (latest.storedStatus() == ReservationStatus.CONFIRMED) {
          yield new Result.AlreadyPaid(existingPayment(latest).payment());
        }
        throw holdExpired();
      }
      case TOKEN_SPENT -> throw new Refused(Refusal.TOKEN_EXPIRED, "this turn in the queue has paid already; join again");
      case SEAT_NOT_HELD -> throw holdExpired();
      case INSUFFICIENT_BALANCE -> throw new Refused(Refusal.INSUFFICIENT_BALANCE,
          "the balance is below the order's price of " + reservation.price() + " KRW");
    };
    // The turn is over: the caller's other holds would only keep seats from others until they ran out.
    releaseOthers.after(reservation.reservationId(), read.count());
    return result;
  }

  /**
   * A paid reservation paid again: its payment, behind the gate that accepts the token that paid
   * (any other token, or none, passes the whole gate and is refused as any gated request is).
   */
  private Result repeated(String userId, Reservation paid, Optional<QueueTokenId> token) {
    PaymentRecord existing = existingPayment(paid);
    if (token.filter(existing::paidWith).isEmpty()) {
      gate.admit(userId, paid.concertId(), token);
    }
    return new Result.AlreadyPaid(existing.payment());
  }

  private Result counted(Payment payment, Result result) {
    metrics.emit(MetricRecord.concert(payment.concertId()).with(Metric.PAYMENTS, 1)
        .with(Metric.SEATS_SOLD, payment.seatNos().size()).with(Metric.REVENUE, payment.amount()));
    return result;
  }

  private Reservation ownReservation(String userId, String reservationId) {
    return reservations.find(reservationId)
        .filter(r -> r.userId().equals(userId))
        .orElseThrow(() -> new Refused(Refusal.RESERVATION_NOT_FOUND, "you have no reservation " + reservationId));
  }

  private PaymentRecord existingPayment(Reservation confirmed) {
    return payments.paymentOf(confirmed)
        .orElseThrow(() -> new IllegalStateException("confirmed reservation without its payment"));
  }

  private static Refused holdExpired() {
    return new Refused(Refusal.HOLD_EXPIRED, "the hold on these seats has ended; hold them again");
  }
}
