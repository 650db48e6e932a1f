package dev.ticketing.testing;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A catalogue around a chosen instant: concert {@code c-1} with a date that has already begun
 * ({@link #PAST}) and three future ones ({@link #SOON}, {@link #LATER}, {@link #LAST}, listed
 * out of order), and concert {@code c-2} with one date ({@link #OTHER}). Seats 1-10 cost
 * 150,000, 11-50 cost 90,000.
 */
public final class SmallCatalog {
  public static final String CONCERT = "c-1";
  public static final String OTHER_CONCERT = "c-2";
  public static final String PAST = "c-1-past";
  public static final String SOON = "c-1-soon";
  public static final String LATER = "c-1-later";
  public static final String LAST = "c-1-last";
  public static final String OTHER = "c-2-only";
  /** The concert of {@link #opening}: its sale opens at a set instant, so joins before it pre-queue. */
  public static final String PRE_QUEUE_CONCERT = "c-3";
  public static final String PRE_QUEUE_DATE = PRE_QUEUE_CONCERT + "-only";
  public static final long VIP_PRICE = 150_000;
  public static final long PRICE = 90_000;

  private SmallCatalog() {}

  public static SeedCatalog around(Instant now) {
    List<Section> sections = List.of(new Section("VIP", 1, 10, VIP_PRICE), new Section("R", 11, 50, PRICE));
    return new SeedCatalog(List.of(
        new SeedConcert(CONCERT, "Test Concert", "Test Artist", "Test Hall", sections, List.of(
            date(LAST, now.plus(Duration.ofDays(30))),
            date(SOON, now.plus(Duration.ofDays(1))),
            date(PAST, now.minus(Duration.ofHours(1))),
            date(LATER, now.plus(Duration.ofDays(7))))),
        new SeedConcert(OTHER_CONCERT, "Other Concert", "Other Artist", "Other Hall", sections, List.of(
            date(OTHER, now.plus(Duration.ofDays(2)))))));
  }

  /**
   * {@link #around} with only the named dates (and the concerts that keep one): a test seeds what
   * it books. Each date is 51 writes, and on moto every write is milliseconds and every
   * transaction copies the whole table.
   */
  public static SeedCatalog around(Instant now, String... dateIds) {
    List<String> wanted = List.of(dateIds);
    List<SeedConcert> concerts = around(now).concerts().stream()
        .filter(concert -> concert.schedules().stream().anyMatch(date -> wanted.contains(date.scheduleId())))
        .map(concert -> new SeedConcert(concert.concertId(), concert.title(), concert.artist(), concert.venue(),
            concert.sections(), concert.schedules().stream().filter(date -> wanted.contains(date.scheduleId())).toList(),
            concert.saleOpensAt()))
        .toList();
    if (concerts.stream().mapToInt(concert -> concert.schedules().size()).sum() != wanted.size()) {
      throw new IllegalArgumentException("not dates of the small catalogue: " + wanted);
    }
    return new SeedCatalog(concerts);
  }

  /**
   * The demo catalogue's concerts (their ids, terms and sale openings) with only their first date
   * each: a fifth of its writes, for tests about the queue, which books no seat of a later date.
   */
  public static SeedCatalog demoFirstDates(Clock clock) {
    return new SeedCatalog(DemoCatalog.create(clock).concerts().stream()
        .map(concert -> new SeedConcert(concert.concertId(), concert.title(), concert.artist(), concert.venue(),
            concert.sections(), concert.schedules().subList(0, 1), concert.saleOpensAt()))
        .toList());
  }

  /** One concert ({@link #PRE_QUEUE_CONCERT}) whose sale opens at {@code opensAt}, with one date a month later. */
  public static SeedCatalog opening(Instant opensAt) {
    return opening(PRE_QUEUE_CONCERT, opensAt);
  }

  /** One concert whose sale opens at {@code opensAt}, with one date ({@code <concertId>-only}) a month later. */
  public static SeedCatalog opening(String concertId, Instant opensAt) {
    List<Section> sections = List.of(new Section("VIP", 1, 10, VIP_PRICE), new Section("R", 11, 50, PRICE));
    return new SeedCatalog(List.of(new SeedConcert(concertId, "Pre-queue Concert", "Early Artist", "Dawn Hall",
        sections, List.of(date(concertId + "-only", opensAt.plus(Duration.ofDays(30)))), opensAt)));
  }

  private static SeedSchedule date(String id, Instant startsAt) {
    return new SeedSchedule(id, startsAt.atZone(ZoneOffset.UTC).toLocalDate(), startsAt);
  }
}
