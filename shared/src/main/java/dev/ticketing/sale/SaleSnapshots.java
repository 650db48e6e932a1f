package dev.ticketing.sale;

import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.storage.FanOut;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;

/**
 * Reads a concert's {@link SaleSnapshot}: its terms, control and seats, side by side (three
 * requests, one round trip), plus whatever the caller reads alongside (maintenance: the queue's
 * counters), so that one round trip gives a round all it decides from.
 */
public final class SaleSnapshots {
  /** A snapshot and what was read beside it. */
  public record With<T>(SaleSnapshot sale, T alongside) {}

  private final SaleTermsStore terms;
  private final SaleControlStore controls;
  private final SaleSeats seats;
  private final FanOut fanOut;
  private final Clock clock;

  @Inject
  public SaleSnapshots(SaleTermsStore terms, SaleControlStore controls, SaleSeats seats, FanOut fanOut, Clock clock) {
    this.terms = terms;
    this.controls = controls;
    this.seats = seats;
    this.fanOut = fanOut;
    this.clock = clock;
  }

  /** The concert's sale now; an unknown concert is refused. */
  public SaleSnapshot read(String concertId) {
    return readWith(concertId, null).sale();
  }

  /**
   * The concert's sale now, with {@code alongside} (if not null) read at the same time; an unknown
   * concert is refused.
   */
  public <T> With<T> readWith(String concertId, Supplier<T> alongside) {
    Instant now = Instants.now(clock);
    List<Supplier<Object>> reads = new ArrayList<>(List.of(() -> terms.terms(concertId),
        () -> controls.control(concertId), () -> seats.dates(concertId, now)));
    if (alongside != null) {
      reads.add(alongside::get);
    }
    List<Object> read = fanOut.map(reads, Supplier::get);
    @SuppressWarnings("unchecked")
    SaleTerms saleTerms = ((Optional<SaleTerms>) read.get(0))
        .orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
    @SuppressWarnings("unchecked")
    List<DateSeats> dates = (List<DateSeats>) read.get(2);
    @SuppressWarnings("unchecked")
    T other = alongside == null ? null : (T) read.get(3);
    return new With<>(new SaleSnapshot(saleTerms, (SaleControl) read.get(1), dates, now), other);
  }
}
