package dev.ticketing.queue.placement;

import dev.ticketing.sale.SaleState;
import dev.ticketing.sale.SaleTermsStore;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.Instants;
import dev.ticketing.sale.draw.Draw;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import dev.ticketing.sale.SaleNow;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.DrawIndex;

/**
 * Part of a queue round: hands out places, with no write per placed user. At the pre-queue's
 * cut-off (one second after the opening) the pre-queue first, all at once, in the order of the
 * verifiable draw (docs/api.md): its index is already in that order, so the draw reads it, writes
 * its receipts in chunks of 1,000 and freezes it, with no write per token (after the round
 * admitted the index's head, with which the draw starts); then, for each
 * second that is over, that second's arrivals, as one {@link ArrivalRange} recorded with one update
 * of the concert's counters. A round reads K counters per second, whatever the crowd
 * (docs/performance.md): its work grows with the shards and the seconds, not with the arrivals.
 *
 * <p>A second is over {@code QUEUE_PLACEMENT_SETTLE_SECONDS} after it ends: a join gives up taking
 * a number once its second's settling time has nearly passed (it takes one in the current second
 * instead), so the counters the round reads hold every number of that second. The seconds are
 * recorded in order, however late a round runs, so joins a second or more apart keep their order.
 */
@Singleton
public final class PlaceArrivals {
  /** Parts one round records at most (one transaction of 100 items: each part under two keys, and the counters). */
  static final int MAX_RANGES_PER_ROUND = 45;
  /**
   * Without an opening, the arrivals' ranges start this long before the round that freezes the
   * (empty) draw: arrivals can join before the first round reaches a concert open from its creation.
   */
  static final Duration LOOKBACK = Duration.ofDays(1);
  /**
   * How long after the opening placement still looks for pre-queue joins the draw did not see
   * (their entry reached the index after it): far longer than any write takes.
   */
  static final Duration LATE_PRE_QUEUE = Duration.ofMinutes(10);
  static final Duration LATE_PRE_QUEUE_EVERY = Duration.ofSeconds(30);
  /** The pre-queue takes tokens stored until this long after the opening (docs/api.md); the draw is made then. */
  public static final Duration PRE_QUEUE_CUT_OFF = Duration.ofSeconds(1);
  /**
   * Before the opening, how often a round counts the pre-queue for the queue board (a BatchGetItem
   * of its counters, a fixed number whatever the crowd): the board may lag the pre-queue by this
   * much, and may count slightly more than wait (a join counts itself before storing its token,
   * which a lost race or a failed write then leaves unstored).
   */
  public static final Duration PRE_QUEUE_COUNT_EVERY = Duration.ofSeconds(30);

  private final PlacementStore store;
  private final SaleTermsStore terms;
  private final Settings settings;
  private final Clock clock;

  @Inject
  public PlaceArrivals(PlacementStore store, SaleTermsStore terms, Settings settings, Clock clock) {
    this.store = store;
    this.terms = terms;
    this.settings = settings;
    this.clock = clock;
  }

  /** What one round's placement did: the places it handed out, and whether it wrote the counters. */
  public record Placement(long placed, boolean countersWritten) {}

  /** One round's placement for one concert; returns how many places it handed out. */
  public long place(String concertId, SaleNow sale) {
    return place(concertId, sale, store.counters(concertId)).placed();
  }

  /**
   * Whether the draw is due in a round with these counters: the pre-queue's cut-off has come (a
   * sale without an opening: at once), the sale is not CLOSED, and no draw is frozen yet.
   */
  public static boolean drawDue(SaleNow sale, QueueCounters counters) {
    return counters.drawnCount().isEmpty() && !sale.beforeOpening() && sale.state() != SaleState.CLOSED
        && sale.saleOpensAt().filter(opening -> sale.at().isBefore(opening.plus(PRE_QUEUE_CUT_OFF))).isEmpty();
  }

  /** As {@link #place(String, SaleNow)}, from the counters the round read (or its last write returned). */
  public Placement place(String concertId, SaleNow sale, QueueCounters counters) {
    if (sale.beforeOpening()) {
      boolean wrote = false;
      if (sale.closedBefore().isPresent() && !counters.preQueueBaseFor().equals(sale.closedBefore())) {
        // The first round that sees this close: joins are refused while the sale is closed, so
        // the counters now hold the joins it ended, which the board leaves out from now on.
        store.recordPreQueueBase(concertId, sale.closedBefore().get(), store.preQueueJoins(concertId).total());
        counters = store.counters(concertId);
        wrote = true;
      }
      if (sale.state() != SaleState.CLOSED && isEvery(PRE_QUEUE_COUNT_EVERY, sale.at())) {
        long base = counters.preQueueBaseFor().isPresent() ? counters.preQueueBase() : 0;
        store.recordPreQueued(concertId, Math.max(0, store.preQueueJoins(concertId).total() - base));
        return new Placement(0, true);
      }
      return new Placement(0, wrote);
    }
    long drawn = 0;
    if (counters.drawnCount().isEmpty()) {
      if (!drawDue(sale, counters)) {
        // A closed pre-queue is not drawn (a reopened sale draws whoever joined since); an open
        // one takes tokens until its cut-off.
        return new Placement(0, false);
      }
      // A sale open since its creation had a pre-queue closed from the start: its draw is empty,
      // and its seed is published at the first round like any other.
      drawn = draw(concertId, sale, counters);
      counters = store.counters(concertId);
    }
    if (!sale.seedPublished() && sale.seed().isPresent()) {
      // After the freeze, also when the round that froze it stopped before publishing.
      terms.publishSeed(concertId, sale.seed().get(), counters.drawId().orElseThrow());
    }
    long placed = drawn + rangeArrivals(concertId, counters, sale);
    if (drawn == 0 && counters.drawnCount().isPresent()
        && sale.saleOpensAt().filter(opening -> isLatePreQueueRound(opening, sale.at())).isPresent()) {
      renumberLatePreQueue(concertId, counters, sale);
    }
    return new Placement(placed, true);
  }

  /** Whether the round at {@code at} is the first of its stretch of {@code every} (on the clock's grid). */
  private boolean isEvery(Duration every, Instant at) {
    return Math.floorMod(at.toEpochMilli(), every.toMillis()) < settings.admissionRound().toMillis();
  }

  /**
   * Whether this round looks for pre-queue tokens the draw did not see: in the first round of each
   * {@link #LATE_PRE_QUEUE_EVERY} of the {@link #LATE_PRE_QUEUE} after the opening, so a late one
   * waits at most that long for a number. Each look reads the pre-queue's counters (a fixed number
   * of reads), and the index only where they count more joins than were settled.
   */
  private boolean isLatePreQueueRound(Instant opening, Instant now) {
    Duration since = Duration.between(opening, now);
    return !since.isNegative() && since.compareTo(LATE_PRE_QUEUE) < 0
        && since.toMillis() % LATE_PRE_QUEUE_EVERY.toMillis() < settings.admissionRound().toMillis();
  }

  /**
   * Pre-queue tokens the draw did not see (an entry can reach the index after the draw read it).
   * Each index partition's counters count every join whose token it lists (a join counts itself
   * before storing its token); the draw recorded how many of each partition it settled (drew, or
   * read as ended by a close), and this look how many it placed. Only a partition whose counters
   * count more than both is read, usually none: an over-count (a join whose token was not stored)
   * makes it read a partition for nothing, and nothing makes it skip one that lists a late token.
   * A draw frozen without its count by partition has every partition read.
   *
   * <p>Of a partition read, whatever it lists, joined in time (a close did not end it), and is not
   * among the draw's receipts (drawn tokens stay listed until admitted) becomes an arrival of this
   * second, placed behind everyone before it, never skipped: a write per such token, and there
   * are next to none. Each one whose number this look gave (once per token) is counted as placed.
   */
  private void renumberLatePreQueue(String concertId, QueueCounters counters, SaleNow sale) {
    PlacementStore.PreQueueJoins joins = store.preQueueJoins(concertId);
    List<Long> settled = counters.drawnByPartition();
    List<Integer> unsettled = new ArrayList<>();
    for (int partition = 0; partition < PlacementStore.PRE_QUEUE_PARTITIONS; partition++) {
      // A draw frozen without its count by partition (as before it was recorded, when joins were
      // not counted either): every partition is read, as every look did then.
      if (settled.isEmpty() || joins.joined().get(partition) > settled.get(partition) + joins.placedLate().get(partition)) {
        unsettled.add(partition);
      }
    }
    if (unsettled.isEmpty()) {
      return;
    }
    List<PlacementStore.PreQueued> listed = store.preQueue(concertId, unsettled);
    if (listed.isEmpty()) {
      return;
    }
    java.util.Set<String> drawn = new java.util.HashSet<>(
        store.drawReceipts(concertId, counters.drawId().orElseThrow(), counters.drawnCount().orElseThrow()));
    long[] placed = new long[PlacementStore.PRE_QUEUE_PARTITIONS];
    for (PlacementStore.PreQueued late : listed) {
      if (!drawn.contains(late.receiptId()) && sale.closedBefore().filter(close -> late.joinedAt().isBefore(close)).isEmpty()
          && store.renumber(late.token(), sale.at().getEpochSecond())) {
        placed[late.partition()]++;
      }
    }
    for (int partition = 0; partition < placed.length; partition++) {
      if (placed[partition] > 0) {
        store.recordPlacedLate(concertId, partition, placed[partition]);
      }
    }
  }

  /**
   * The pre-queue in the draw's order, written and frozen, which hands out its places; the seed is
   * published after (docs/api.md: never before). The index lists the tokens by the hmac their joins
   * stored, so nothing is hashed here. A token a close ended (it joined before the close) is
   * terminal: never drawn; so is one stored without an hmac (its concert had no seed when it
   * joined): the late look makes it an arrival. Returns the places handed out.
   *
   * <p>When the round admitted the draw's head first ({@link AdmitWaitingUsers#admitDrawHead}),
   * the draw is that head, as recorded, then whatever the index lists after the head's last entry:
   * the admitted head is exactly the draw's first places, also when an entry reached the index
   * ahead of it after it was read (that one is left to the late look, as any entry the draw's read
   * missed), and also in a later round, when this one stopped after admitting the head.
   */
  private long draw(String concertId, SaleNow sale, QueueCounters counters) {
    // Before the freeze, only a head can have been admitted.
    List<Draw.Entry> head = counters.admitted() == 0 ? List.of() : headEntries(concertId, sale, counters);
    Optional<Draw.Entry> headLast = head.isEmpty() ? Optional.empty() : Optional.of(head.get(head.size() - 1));
    java.util.Set<String> inHead = new java.util.HashSet<>(head.stream().map(Draw.Entry::receiptId).toList());
    List<PlacementStore.PreQueued> read = sale.seed().isEmpty() ? List.of() : store.preQueue(concertId);
    // What the late look compares with the counters: each partition's entries this draw settles.
    long[] settled = new long[PlacementStore.PRE_QUEUE_PARTITIONS];
    head.forEach(entry -> settled[PlacementStore.partitionOf(entry.hmac())]++);
    List<Draw.Entry> listed = new ArrayList<>();
    for (PlacementStore.PreQueued token : read) {
      if (token.hmac().isEmpty()) {
        continue;  // never drawn: the late look makes it an arrival
      }
      if (sale.closedBefore().filter(close -> token.joinedAt().isBefore(close)).isPresent()) {
        settled[token.partition()]++;  // ended by a close: neither drawn nor ever placed late
        continue;
      }
      Draw.Entry entry = new Draw.Entry(token.receiptId(), token.hmac());
      if (!inHead.contains(entry.receiptId()) && headLast.map(last -> Draw.ORDER.compare(entry, last) > 0).orElse(true)) {
        listed.add(entry);
        settled[token.partition()]++;
      }
    }
    listed.sort(Draw.ORDER);  // the index's order already: a pass over sorted entries
    List<Draw.Entry> drawn = new ArrayList<>(head);
    drawn.addAll(listed);
    String drawId = Draw.id(drawn);
    List<String> receipts = drawn.stream().map(Draw.Entry::receiptId).toList();
    store.writeDraw(concertId, drawId, receipts);
    StringBuilder firsts = new StringBuilder();
    for (int first = 0; first < drawn.size(); first += DrawIndex.CHUNK) {
      firsts.append(DrawIndex.prefix(drawn.get(first).hmac()));
    }
    long lookback = Instants.now(clock).minus(LOOKBACK).getEpochSecond();
    long rangedThrough = sale.saleOpensAt().map(opening -> opening.getEpochSecond() - 1).orElse(lookback);
    // false: an overlapping round's draw was frozen first, and handed out its places.
    return store.freezeDraw(concertId, drawn.size(), drawId, firsts.toString(), rangedThrough, head.size(),
        java.util.Arrays.stream(settled).boxed().toList()) ? drawn.size() : 0;
  }

  /** The head admitted before the draw, as its entries (each hmac from the seed, as the draw's read would list it). */
  private List<Draw.Entry> headEntries(String concertId, SaleNow sale, QueueCounters counters) {
    List<String> receipts = store.drawHead(concertId);
    if (receipts.size() != counters.admitted() || sale.seed().isEmpty()) {
      throw new IllegalStateException("users admitted before the draw without its head recorded");
    }
    Draw.Hasher hasher = Draw.hasher(sale.seed().get());
    return receipts.stream().map(receipt -> new Draw.Entry(receipt, hasher.hmac(receipt))).toList();
  }

  /**
   * Places what joined since the last round: for every second up to the one going on, the numbers
   * its counters handed out since, as that second's next part, oldest second first. A second takes
   * numbers until {@code QUEUE_PLACEMENT_SETTLE_SECONDS} after it ends (a join gives up its number
   * by then), so rounds read it again until then ({@code open}), and never after.
   */
  private long rangeArrivals(String concertId, QueueCounters counters, SaleNow sale) {
    long rangedThrough = counters.rangedThrough().orElseThrow();
    long to = sale.at().getEpochSecond();
    long closedThrough = sale.at().minus(settings.placementSettle()).getEpochSecond() - 1;
    long from = counters.open().isEmpty() ? rangedThrough + 1 : Math.min(counters.open().firstKey(), rangedThrough + 1);
    if (to < rangedThrough) {
      return 0;  // a clock behind the last round's: nothing new to read
    }
    int shards = settings.queueJoinShards();
    SortedMap<Long, long[]> counts = store.arrivalCounts(concertId, from, to, shards);
    List<ArrivalRange> ranges = new ArrayList<>();
    long base = counters.placedThrough();
    SortedMap<Long, QueueCounters.OpenSecond> open = new TreeMap<>();
    // The seconds to look at: those with counters, those open, and those still to close (a long
    // stretch after an outage holds many seconds nobody joined in).
    java.util.SortedSet<Long> seconds = new java.util.TreeSet<>(counts.keySet());
    seconds.addAll(counters.open().keySet());
    for (long second = Math.max(from, closedThrough + 1); second <= to; second++) {
      seconds.add(second);
    }
    for (long second : seconds) {
      boolean known = second <= rangedThrough;
      QueueCounters.OpenSecond before = counters.open().getOrDefault(second, QueueCounters.OpenSecond.NONE);
      if (known && !counters.open().containsKey(second)) {
        continue;  // closed: its numbers were all placed
      }
      QueueCounters.OpenSecond after = before;
      long[] count = counts.get(second);
      if (count != null) {
        if (ranges.size() == MAX_RANGES_PER_ROUND) {
          to = second - 1;  // the rest next round, from here
          break;
        }
        ArrivalRange range = ArrivalRange.next(second, before.part() + 1, base, before.ends(), count);
        if (range.total() > 0) {
          ranges.add(range);
          base = range.last();
          after = new QueueCounters.OpenSecond(range.part(), range.to());
        }
      }
      if (second > closedThrough) {
        open.put(second, after);
      }
    }
    if (!store.recordRanges(concertId, rangedThrough, to, counters.placedThrough(), ranges, open)) {
      return 0;  // another run recorded these seconds first; the next round continues from there
    }
    return base - counters.placedThrough();
  }
}
