package dev.ticketing.reservation;

import dev.ticketing.catalog.ScheduleTerms;
import dev.ticketing.catalog.ScheduleTermsCache;
import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Ids;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.MetricRecord;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.queue.gate.ActiveSession;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * Use case (gated): hold an order of 1 to MAX_SEATS_PER_ORDER seats of one date, all or nothing,
 * for HOLD_TTL_SECONDS or until the caller's turn ends, whichever is first. Requests: one read of
 * the token together with the caller's ticket count, then one transaction (every seat, the
 * reservation, the count); only a refused hold reads again, to tell a taken seat, an unknown
 * date, the caller's own earlier attempt and a count another request of the caller changed apart.
 *
 * <p>The limit (MAX_TICKETS_PER_USER seats per concert, running holds plus paid seats) is judged
 * on the count as read, and the transaction writes the new count only if nobody wrote it since,
 * so concurrent holds of one user can never pass it together. The reservation id is fixed before
 * the first attempt, so a retry of the same request writes the same reservation or none.
 */
public final class ReserveSeat {
  /**
   * Each refused attempt follows a write that changed what the hold depends on: a seat freed or
   * repriced, or the caller's count changed by another of their requests. With at most
   * MAX_TICKETS_PER_USER successful holds before the limit refuses, a few attempts settle it.
   */
  private static final int ATTEMPTS = 8;

  public sealed interface Result permits Result.Created, Result.Existing {
    ReservationView reservation();

    /** The seats are now held under a new reservation. */
    record Created(ReservationView reservation) implements Result {}

    /** The caller already held exactly these seats in one reservation (a retry after a lost response): that one. */
    record Existing(ReservationView reservation) implements Result {}
  }

  private final QueueGate gate;
  private final TicketCounts counts;
  private final ScheduleTermsCache terms;
  private final HoldStore store;
  private final Clock clock;
  private final Settings settings;
  private final Metrics metrics;

  @Inject
  public ReserveSeat(QueueGate gate, TicketCounts counts, ScheduleTermsCache terms, HoldStore store, Clock clock,
      Settings settings, Metrics metrics) {
    this.gate = gate;
    this.counts = counts;
    this.terms = terms;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  public Result reserve(String userId, ReserveRequest request, Optional<QueueTokenId> queueToken) {
    return reserve(userId, request, queueToken, ReservationIds.generate());
  }

  /**
   * The same hold under an id the caller chose, for a reservation a caller must find under a
   * known id (the local {@code invoke --prepare} makes the one its sample events name). The
   * caller sees to it that no other reservation has that id.
   */
  public Result reserve(String userId, ReserveRequest request, Optional<QueueTokenId> queueToken, String reservationId) {
    Ids.require("reservationId", reservationId);
    if (request.seatNos().size() > settings.maxSeatsPerOrder()) {
      throw Refused.invalid("seatNos", "an order has at most " + settings.maxSeatsPerOrder() + " seats");
    }
    QueueGate.Admitted<TicketCounts.Gated> admitted = gate.admit(userId, request.concertId(), queueToken,
        id -> counts.readWithToken(id, userId, request.concertId()));
    ActiveSession session = admitted.session();
    TicketCount count = admitted.read().count();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ScheduleTerms date = terms.terms(request.concertId(), request.scheduleId()).orElseThrow(() -> unknownDate(request));
      Instant now = Instants.now(clock);
      Optional<TicketCount.ListedHold> same = count.sameOrderAt(request.scheduleId(), request.seatNos(), now);
      if (same.isPresent()) {
        ReservationView view = viewOf(same.get(), request, date);
        // Our own id means an earlier attempt of this very request went through.
        return same.get().reservationId().equals(reservationId) ? held(new Result.Created(view)) : new Result.Existing(view);
      }
      int tickets = count.ticketsAt(now);
      if (tickets + request.seatNos().size() > settings.maxTicketsPerUser()) {
        throw overLimit(tickets);
      }
      if (!date.isBookableAt(now)) {
        throw new Refused(Refusal.SEAT_UNAVAILABLE, "this date can no longer be booked",
            Map.of("seatNos", request.seatNos()));
      }
      List<ReservedSeat> seats = new ArrayList<>();
      for (int seatNo : request.seatNos()) {
        long price = date.priceOf(seatNo).orElseThrow(() -> taken(List.of(seatNo)));
        seats.add(new ReservedSeat(seatNo, price));
      }
      // A hold never outlives the turn that made it: past its end the caller could not pay.
      Instant expires = min(now.plus(settings.holdTtl()), session.activeUntil());
      Reservation reservation = Reservation.held(reservationId, userId, request.concertId(), request.scheduleId(), seats,
          now, expires);
      if (store.hold(reservation, count, now) == HoldStore.HoldResult.HELD) {
        return held(new Result.Created(reservation.viewAt(now)));
      }

      HoldStore.Found found = store.afterRefusal(reservation);
      count = found.count();
      if (count.listed(reservationId).isPresent()) {
        return held(new Result.Created(reservation.viewAt(now)));
      }
      Instant readAt = Instants.now(clock);
      List<Integer> takenSeats = new ArrayList<>();
      boolean repriced = false;
      for (ReservedSeat wanted : seats) {
        Seat seat = found.seats().get(wanted.seatNo());
        if (seat == null) {
          throw unknownDate(request);
        }
        if (seat.statusAt(readAt) != SeatStatus.AVAILABLE) {
          takenSeats.add(wanted.seatNo());
        } else if (seat.price() != wanted.price()) {
          repriced = true;
        }
      }
      if (!takenSeats.isEmpty()) {
        throw taken(takenSeats);
      }
      if (repriced) {
        terms.forget(request.concertId(), request.scheduleId());
      }
      // Otherwise the count changed under us (another request of this user) or a seat came free
      // between the transaction and the read: judge again on what was just read.
    }
    throw new StorageUnavailableException("the hold met a changing ticket count or seat " + ATTEMPTS + " times", null);
  }

  private static ReservationView viewOf(TicketCount.ListedHold hold, ReserveRequest request, ScheduleTerms date) {
    // Prices are catalogue facts that never change, and the hold proved them equal to the seats'.
    List<ReservedSeat> seats = hold.seatNos().stream()
        .map(seatNo -> new ReservedSeat(seatNo, date.priceOf(seatNo).orElseThrow()))
        .toList();
    return new ReservationView(hold.reservationId(), request.concertId(), request.scheduleId(), hold.seatNos(), seats,
        seats.stream().mapToLong(ReservedSeat::price).sum(), ReservationStatus.HELD, hold.expiresAt());
  }

  private Refused overLimit(int tickets) {
    int limit = settings.maxTicketsPerUser();
    return new Refused(Refusal.TICKET_LIMIT, "you may hold and own at most " + limit + " seats of this concert, and have "
        + tickets + "; pay for a hold or give one up", Map.of("limit", limit, "tickets", tickets));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private Result held(Result.Created created) {
    metrics.emit(MetricRecord.concert(created.reservation().concertId()).with(Metric.HOLDS, 1)
        .with(Metric.SEATS_HELD, created.reservation().seatNos().size()));
    return created;
  }

  private static Refused unknownDate(ReserveRequest request) {
    return new Refused(Refusal.SCHEDULE_NOT_FOUND,
        "concert " + request.concertId() + " has no date " + request.scheduleId());
  }

  private static Refused taken(List<Integer> seatNos) {
    String names = seatNos.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return new Refused(Refusal.SEAT_UNAVAILABLE, (seatNos.size() == 1 ? "seat " + names + " is" : "seats " + names + " are")
        + " held or sold", Map.of("seatNos", List.copyOf(seatNos)));
  }
}
