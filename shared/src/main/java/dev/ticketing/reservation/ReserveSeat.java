package dev.ticketing.reservation;

import dev.ticketing.catalog.ScheduleTerms;
import dev.ticketing.catalog.ScheduleTermsCache;
import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatHold;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.queue.QueueGate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case (gated): hold a seat for {@code HOLD_TTL_SECONDS}. The hold is one transaction (seat
 * and reservation together) conditioned on the seat being free; on success that is the only
 * write and the only request after the gate's. Only a refused hold reads the seat, to tell an
 * unknown date, a taken seat and the caller's own earlier hold (a retry) apart.
 */
public final class ReserveSeat {
  /** A refusal can be a stale price or a seat freed just after the attempt: worth another try. */
  private static final int ATTEMPTS = 3;

  public sealed interface Result permits Result.Created, Result.Existing {
    ReservationView reservation();

    /** The seat is now held under a new reservation: 201. */
    record Created(ReservationView reservation) implements Result {}

    /** The caller already held this seat (a retry after a lost response): 200 with that reservation. */
    record Existing(ReservationView reservation) implements Result {}
  }

  private final QueueGate gate;
  private final ScheduleTermsCache terms;
  private final HoldStore store;
  private final Clock clock;
  private final Settings settings;
  private final Metrics metrics;

  @Inject
  public ReserveSeat(QueueGate gate, ScheduleTermsCache terms, HoldStore store, Clock clock, Settings settings,
      Metrics metrics) {
    this.gate = gate;
    this.terms = terms;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  public Result reserve(String userId, ReserveRequest request, Optional<String> queueToken) {
    gate.admit(userId, request.concertId(), queueToken);
    String reservationId = ReservationIds.generate();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ScheduleTerms date = terms.terms(request.concertId(), request.scheduleId()).orElseThrow(() -> unknownDate(request));
      Instant now = Instants.now(clock);
      if (!date.isBookableAt(now)) {
        throw new Refused(Refusal.SEAT_UNAVAILABLE, "this date can no longer be booked");
      }
      long price = date.priceOf(request.seatNo()).orElseThrow(() -> taken(request));
      Reservation reservation = Reservation.held(reservationId, userId, request.concertId(), request.scheduleId(),
          request.seatNo(), price, now, now.plus(settings.holdTtl()));
      if (store.hold(reservation) == HoldStore.HoldResult.HELD) {
        return held(new Result.Created(reservation.viewAt(now)));
      }

      Seat seat = store.seat(reservation.seat()).orElseThrow(() -> unknownDate(request));
      Instant readAt = Instants.now(clock);
      Optional<SeatHold> own = seat.liveHoldOf(userId, readAt);
      if (own.isPresent()) {
        ReservationView view = new ReservationView(own.get().reservationId(), seat.concertId(), seat.scheduleId(),
            seat.seatNo(), seat.price(), ReservationStatus.HELD, own.get().expiresAt());
        // Our own id means this very request's write went through before a retry of it.
        return own.get().reservationId().equals(reservationId) ? held(new Result.Created(view)) : new Result.Existing(view);
      }
      if (seat.price() != price) {
        terms.forget(request.concertId(), request.scheduleId());
      } else if (seat.statusAt(readAt) != SeatStatus.AVAILABLE) {
        throw taken(request);
      }
    }
    throw taken(request);
  }

  private Result held(Result.Created created) {
    metrics.emit(MetricRecord.concert(created.reservation().concertId()).with(Metric.HOLDS, 1).with(Metric.SEATS_HELD, 1));
    return created;
  }

  private static Refused unknownDate(ReserveRequest request) {
    return new Refused(Refusal.SCHEDULE_NOT_FOUND,
        "concert " + request.concertId() + " has no date " + request.scheduleId());
  }

  private static Refused taken(ReserveRequest request) {
    return new Refused(Refusal.SEAT_UNAVAILABLE, "seat " + request.seatNo() + " is held or sold");
  }
}
