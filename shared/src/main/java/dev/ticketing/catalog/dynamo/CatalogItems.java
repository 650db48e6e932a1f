package dev.ticketing.catalog.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.catalog.Concert;
import dev.ticketing.catalog.ConcertLastDate;
import dev.ticketing.sale.draw.DrawSeed;
import dev.ticketing.sale.dynamo.SaleItems;
import dev.ticketing.sale.SaleState;
import dev.ticketing.catalog.Schedule;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.storage.Items;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalogue's concert and date items (docs/data-model.md, "Catalogue"; seats are
 * {@link SeatItems}'). A concert, its dates and their seats share the partition
 * {@code CONCERT#<concertId>}, so one Query reads a date with its seat map; the sparse gsi1
 * partition {@code CONCERTS} lists every concert.
 */
public final class CatalogItems {
  /** The partition prefix of a concert and everything it holds (declared with the sale's items, which live in it too). */
  public static final String CONCERT_PREFIX = SaleItems.CONCERT_PREFIX;
  /** The sparse gsi1 partition that lists every concert. */
  static final String CONCERT_LIST = "CONCERTS";
  static final String SCHEDULE_PREFIX = "SCHEDULE#";
  private static final String CONCERT_SK = SaleItems.CONCERT_SK;
  private static final String SEED_SK = "DRAWSEED";
  private static final String INFO_SUFFIX = "#INFO";
  /**
   * On the concert's item: when its last date starts (epoch milliseconds, so that a condition can
   * compare it), for the scheduled maintenance to leave out the concerts that are over.
   */
  static final String LAST_DATE = "lastDateStartsAt";

  private CatalogItems() {}

  static String concertPk(String concertId) {
    return CONCERT_PREFIX + concertId;
  }

  /**
   * The key of a concert's own item. Public because joining a queue asks whether the concert
   * exists in the same BatchGetItem that reads the user's latest token, which keeps a join at two
   * requests (docs/design.md, "Budgets").
   */
  public static Map<String, AttributeValue> concertKey(String concertId) {
    return Items.key(concertPk(concertId), CONCERT_SK);
  }

  /** Where the concert list resumes after {@code concertId} (a gsi1 Query's start key). */
  static Map<String, AttributeValue> concertListPosition(String concertId) {
    Map<String, AttributeValue> key = new HashMap<>(concertKey(concertId));
    key.put("gsi1pk", s(CONCERT_LIST));
    key.put("gsi1sk", s(concertId));
    return key;
  }

  /**
   * A new concert's item. One whose sale opens after {@code now} is listed UPCOMING from the
   * start: maintenance records the state each round, but a catalogue that said OPEN until then
   * would tell early visitors the sale is on.
   */
  static Map<String, AttributeValue> concertItem(SeedConcert concert, DrawSeed seed, Instant now) {
    Map<String, AttributeValue> item = concertListPosition(concert.concertId());
    item.put("concertId", s(concert.concertId()));
    item.put("title", s(concert.title()));
    item.put("artist", s(concert.artist()));
    item.put("venue", s(concert.venue()));
    if (concert.saleOpensAt() != null) {
      item.put("saleOpensAt", s(concert.saleOpensAt().toString()));
      if (now.isBefore(concert.saleOpensAt())) {
        item.put("saleState", s(SaleState.UPCOMING.name()));
      }
    }
    item.put("drawCommitment", s(seed.commitment()));
    concert.schedules().stream().map(SeedSchedule::startsAt).max(Instant::compareTo)
        .ifPresent(last -> item.put(LAST_DATE, n(last.toEpochMilli())));
    return item;
  }

  /** The concert's id and its last date's start, from its item (or the index's projection of it). */
  static ConcertLastDate lastDateOf(Map<String, AttributeValue> item) {
    AttributeValue last = item.get(LAST_DATE);
    return new ConcertLastDate(Items.string(item, "concertId"),
        last == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(last.n()))));
  }

  /**
   * The draw's secret seed: its own item, outside the index the public list reads, read only by
   * the scheduled maintenance (which publishes it on the concert once the pre-queue is closed).
   */
  static Map<String, AttributeValue> seedKey(String concertId) {
    return Items.key(concertPk(concertId), SEED_SK);
  }

  static Map<String, AttributeValue> seedItem(String concertId, DrawSeed seed) {
    Map<String, AttributeValue> item = new HashMap<>(seedKey(concertId));
    item.put("seed", s(seed.hex()));
    return item;
  }

  static Concert concertOf(Map<String, AttributeValue> item) {
    String saleOpensAt = Items.string(item, "saleOpensAt");
    String saleState = Items.string(item, "saleState");
    return new Concert(Items.string(item, "concertId"), Items.string(item, "title"), Items.string(item, "artist"),
        Items.string(item, "venue"), saleOpensAt == null ? null : Instant.parse(saleOpensAt),
        saleState == null ? SaleState.OPEN : SaleState.valueOf(saleState), Items.string(item, "drawCommitment"),
        Items.string(item, "drawSeed"));
  }

  /** Prefix of every item of one date: the date itself and its seats. */
  static String schedulePrefix(String scheduleId) {
    return SCHEDULE_PREFIX + scheduleId + "#";
  }

  static Map<String, AttributeValue> scheduleItem(String concertId, SeedSchedule schedule, int totalSeats) {
    return Map.of(
        "pk", s(concertPk(concertId)),
        "sk", s(schedulePrefix(schedule.scheduleId()) + "INFO"),
        "concertId", s(concertId),
        "scheduleId", s(schedule.scheduleId()),
        "date", s(schedule.date().toString()),
        "startsAt", s(schedule.startsAt().toString()),
        "totalSeats", n(totalSeats));
  }

  /** Whether an item of a concert's partition is a date (else it is one of the date's seats). */
  static boolean isSchedule(Map<String, AttributeValue> item) {
    return Items.string(item, "sk").endsWith(INFO_SUFFIX);
  }

  static Schedule scheduleOf(Map<String, AttributeValue> item) {
    return new Schedule(Items.string(item, "concertId"), Items.string(item, "scheduleId"),
        LocalDate.parse(Items.string(item, "date")), Instant.parse(Items.string(item, "startsAt")),
        (int) Items.number(item, "totalSeats"));
  }
}
