package dev.ticketing.payment;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.queue.ActiveSession;
import dev.ticketing.queue.QueueGate;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.reservation.ReservationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case: pay for a held seat from the prepaid balance. Requests: the reservation read, the
 * gate's token read (plus its first-use write once per token) and one transaction. Paying
 * again for a paid reservation answers with the existing payment, even with the token spent.
 */
public final class PayForReservation {
  private final ReservationStore reservations;
  private final PaymentStore payments;
  private final QueueGate gate;
  private final Clock clock;
  private final Metrics metrics;

  public sealed interface Result permits Result.Paid, Result.AlreadyPaid {
    Payment payment();

    record Paid(Payment payment) implements Result {}

    record AlreadyPaid(Payment payment) implements Result {}
  }

  @Inject
  public PayForReservation(ReservationStore reservations, PaymentStore payments, QueueGate gate, Clock clock,
      Metrics metrics) {
    this.reservations = reservations;
    this.payments = payments;
    this.gate = gate;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Result pay(String userId, Optional<String> queueToken, PaymentRequest request) {
    Reservation reservation = ownReservation(userId, request.reservationId());
    if (reservation.storedStatus() == ReservationStatus.CONFIRMED) {
      return new Result.AlreadyPaid(existingPayment(reservation));
    }
    ActiveSession session = gate.admit(userId, reservation.concertId(), queueToken);
    Instant now = Instants.now(clock);
    if (reservation.statusAt(now) != ReservationStatus.HELD) {
      throw holdExpired();
    }
    Payment payment = PaymentRecords.of(reservation, now);
    return switch (payments.pay(reservation, payment, session)) {
      case PAID -> counted(payment, new Result.Paid(payment));
      // This request's own write, whose answer the SDK lost: a payment made now, answered as a repeat.
      case ALREADY_RECORDED -> counted(payment, new Result.AlreadyPaid(payment));
      case RESERVATION_NOT_HELD -> {
        // Paid by a concurrent request of the same user? Then that payment is the answer.
        Reservation latest = ownReservation(userId, reservation.reservationId());
        if (latest.storedStatus() == ReservationStatus.CONFIRMED) {
          yield new Result.AlreadyPaid(existingPayment(latest));
        }
        throw holdExpired();
      }
      case TOKEN_SPENT -> throw new Refused(Refusal.TOKEN_EXPIRED, "this turn in the queue has paid already; join again");
      case SEAT_NOT_HELD -> throw holdExpired();
      case INSUFFICIENT_BALANCE -> throw new Refused(Refusal.INSUFFICIENT_BALANCE,
          "the balance is below the seat's price of " + reservation.price() + " KRW");
    };
  }

  private Result counted(Payment payment, Result result) {
    metrics.emit(MetricRecord.concert(payment.concertId()).with(Metric.PAYMENTS, 1).with(Metric.SEATS_SOLD, 1)
        .with(Metric.REVENUE, payment.amount()));
    return result;
  }

  private Reservation ownReservation(String userId, String reservationId) {
    return reservations.find(reservationId)
        .filter(r -> r.userId().equals(userId))
        .orElseThrow(() -> new Refused(Refusal.RESERVATION_NOT_FOUND, "you have no reservation " + reservationId));
  }

  private Payment existingPayment(Reservation confirmed) {
    return payments.paymentOf(confirmed)
        .orElseThrow(() -> new IllegalStateException("confirmed reservation without its payment"));
  }

  private static Refused holdExpired() {
    return new Refused(Refusal.HOLD_EXPIRED, "the hold on this seat has ended; hold a seat again");
  }
}
