package dev.ticketing.catalog;

/**
 * The keys of the catalogue's items (docs/data-model.md). A concert, its dates and their seats
 * share the partition {@code CONCERT#<concertId>}, so one Query reads a date with its seat map.
 */
public final class CatalogKeys {
  /** The sparse gsi1 partition that lists every concert. */
  public static final String CONCERT_LIST = "CONCERTS";
  public static final String CONCERT_SK = "CONCERT";

  private CatalogKeys() {}

  public static String concertPk(String concertId) {
    return "CONCERT#" + concertId;
  }

  /** Prefix of every item of one date: the date itself and its seats. */
  public static String schedulePrefix(String scheduleId) {
    return "SCHEDULE#" + scheduleId + "#";
  }

  public static String scheduleSk(String scheduleId) {
    return schedulePrefix(scheduleId) + "INFO";
  }

  public static String seatSk(String scheduleId, int seatNo) {
    return schedulePrefix(scheduleId) + String.format("SEAT#%02d", seatNo);
  }
}
