package dev.ticketing.bench.rush;

import java.util.Set;

/**
 * A key as the report may print it. Keys can carry a token's secret ({@code TOKEN#<secret>}) or a
 * user's id: only prefixes known to end in a concert id (plus a shard or replica number) are printed
 * whole; of any other key, only its first segment, e.g. {@code TOKEN#…} or {@code USER#…}.
 */
final class KeyLabel {
  /** Prefixes whose keys hold only a concert id and numbers: {@code QUEUE#<concertId>}, {@code UNPLACED#<concertId>#<shard>}. */
  private static final Set<String> CONCERT_KEYED = Set.of("QUEUE", "CONCERT", "CONCERTS", "QSTATE", "QBATCH", "UNPLACED",
      "PREQUEUE", "ADMITTED", "HOLDS", "SEQ", "SCHEDULE");

  private KeyLabel() {}

  /** The printable form of a stored key part (a pk, sk or gsi1pk). */
  static String of(String key) {
    if (key == null) {
      return "";
    }
    if (key.startsWith("(")) {
      return key;  // our own markers, e.g. "(index partition unknown)"
    }
    int hash = key.indexOf('#');
    String prefix = hash < 0 ? key : key.substring(0, hash);
    if (CONCERT_KEYED.contains(prefix) || key.matches("[A-Z]+")) {
      return key;
    }
    return hash < 0 ? "…" : prefix + "#…";
  }

  /** An item key (table, pk and sk joined by NUL), printed as {@code pk / sk}. */
  static String ofItem(String tableItem) {
    String[] parts = tableItem.split("\u0000");
    return parts.length < 3 ? of(parts[parts.length - 1]) : of(parts[1]) + " / " + of(parts[2]);
  }

  /** A partition key of the base table or the index (table and key joined by NUL). */
  static String ofPartition(String tablePartition) {
    int nul = tablePartition.indexOf('\u0000');
    return of(nul < 0 ? tablePartition : tablePartition.substring(nul + 1));
  }
}
