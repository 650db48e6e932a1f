package dev.ticketing.queue;

import dev.ticketing.catalog.SaleState;
import dev.ticketing.catalog.SaleTerms;
import dev.ticketing.catalog.SaleTermsStore;
import dev.ticketing.catalog.ScheduleSeats;
import dev.ticketing.catalog.SeatInventory;
import dev.ticketing.catalog.SeatStatus;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.sale.SaleControl;
import dev.ticketing.sale.SaleControlStore;
import dev.ticketing.sale.SaleStateRule;
import dev.ticketing.sale.SeatSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * Use case (operators, {@code ops status}): how a sale stands, read consistently from where
 * maintenance reads it, so an operator sees a change asked for before the next round applies it.
 * It lives with the queue because it reports the queue's counters beside the sale's settings.
 */
public final class ShowSaleStatus {
  private static final double SECONDS_PER_MINUTE = 60;

  /** One date's seats at the instant of the report; a date that has {@code started} no longer counts for the sale. */
  public record DateSeats(String scheduleId, LocalDate date, Instant startsAt, boolean started, long available,
      long held, long sold) {}

  /**
   * @param state the state derived now from the settings, clock and seats (what the next round records)
   * @param lastRound the state the last maintenance round recorded; empty before the first
   * @param maxActiveSet the operators' active limit; empty: {@code QUEUE_MAX_ACTIVE} applies
   * @param maxActiveApplied the limit the last round applied; empty before the first
   * @param waiting users placed and not yet admitted (may count some who left; arrivals not yet
   *     placed and the pre-queue are not counted)
   * @param active admitted users who may still hold a slot (an upper bound)
   * @param admissionsPerMinute empty until measured
   */
  public record SaleStatus(String concertId, SaleState state, Optional<SaleState> lastRound, boolean paused,
      boolean closed, Optional<Instant> saleOpensAt, Optional<Integer> maxActiveSet, Optional<Integer> maxActiveApplied,
      long waiting, long active, Optional<Long> admissionsPerMinute, List<DateSeats> dates, Instant at) {}

  private final SaleTermsStore terms;
  private final SaleControlStore controls;
  private final SeatInventory seats;
  private final AdmissionStore queue;
  private final QueueStateStore states;
  private final Clock clock;

  @Inject
  public ShowSaleStatus(SaleTermsStore terms, SaleControlStore controls, SeatInventory seats, AdmissionStore queue,
      QueueStateStore states, Clock clock) {
    this.terms = terms;
    this.controls = controls;
    this.seats = seats;
    this.queue = queue;
    this.states = states;
    this.clock = clock;
  }

  public SaleStatus show(String concertId) {
    SaleTerms sale = terms.terms(concertId)
        .orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
    Instant now = Instants.now(clock);
    SaleControl control = controls.control(concertId);
    List<ScheduleSeats> dates = seats.schedules(concertId);
    SaleState state = SaleStateRule.derive(control, sale.saleOpensAt(), SeatSummary.of(dates, now), now);
    QueueCounters counters = queue.counters(concertId);
    return new SaleStatus(concertId, state, counters.saleState(), control.paused(), control.closed(), sale.saleOpensAt(),
        control.maxActive(), states.anyReplica(concertId).map(QueueState::maxActive),
        Math.max(0, counters.placedThrough() - counters.admitted()), Math.max(0, counters.holdingSlots()),
        counters.admissionsPerSecond().map(rate -> Math.round(rate * SECONDS_PER_MINUTE)),
        dates.stream().map(date -> seatsOf(date, now)).toList(), now);
  }

  private static DateSeats seatsOf(ScheduleSeats date, Instant now) {
    Map<SeatStatus, Long> counts = date.seats().stream()
        .collect(Collectors.groupingBy(seat -> seat.statusAt(now), () -> new EnumMap<>(SeatStatus.class), Collectors.counting()));
    return new DateSeats(date.schedule().scheduleId(), date.schedule().date(), date.schedule().startsAt(),
        !date.schedule().isBookableAt(now), counts.getOrDefault(SeatStatus.AVAILABLE, 0L),
        counts.getOrDefault(SeatStatus.HELD, 0L), counts.getOrDefault(SeatStatus.SOLD, 0L));
  }
}
