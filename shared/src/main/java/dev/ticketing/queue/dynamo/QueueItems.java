package dev.ticketing.queue.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.sale.SaleState;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.ArrivalRange;
import dev.ticketing.queue.DrawIndex;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The queue's items (docs/data-model.md, "Queue"), their keys and how they read, shared by the
 * queue's stores. Per join: the user's token item for the concert
 * ({@code TOKEN#<concertId>#<ownerHash>}: the current token, and how the last few it replaced
 * ended) and, for an arrival, one count on a counter of arrivals
 * ({@code QNUM#<concertId>#<shard>}, one item per second). Per round of the scheduled
 * maintenance: the concert's counters ({@code QUEUE#<concertId>}), one immutable range per second
 * that had arrivals ({@code QRANGE#<concertId>}, by second) and the replicas of the queue's shared
 * state ({@code QSTATE#<concertId>#<replica>}). In gsi1 (all attributes): the pre-queue in the
 * draw's order ({@code PREQUEUE#<concertId>#<first hex digit of the hmac>}, by hmac then receipt:
 * partition order and sort order together are the draw's order), and the admitted sessions, sharded too
 * ({@code ADMITTED#<concertId>#<place mod 16>}, by place). In gsi2 (keys only): each arrival
 * under its number ({@code ARRIVAL#<concertId>#<second>#<shard>}, by number, then secret), for
 * admission.
 */
final class QueueItems {
  static final String TOKEN_PREFIX = "TOKEN#";
  static final String QUEUE_PREFIX = "QUEUE#";
  static final String NUMBER_PREFIX = "QNUM#";
  static final String RANGE_PREFIX = "QRANGE#";
  static final String PLACES_PREFIX = "QPLACE#";
  static final String STATE_PREFIX = "QSTATE#";
  static final String ARRIVAL_PREFIX = "ARRIVAL#";
  static final String PREQUEUE_PREFIX = "PREQUEUE#";
  static final String DRAW_PREFIX = "QDRAW#";
  static final String PRE_COUNT_PREFIX = "QPRE#";
  /** Entries per item of the draw's published order. */
  static final int DRAW_CHUNK = dev.ticketing.queue.DrawIndex.CHUNK;
  /** The pre-queue's index partitions: one per first hex digit of the hmac, in the draw's order. */
  static final int PRE_QUEUE_PARTITIONS = 16;
  /** A pre-queue token lives at least 7 days past the opening, and a year more should the opening move. */
  static final Duration KEEP_PRE_QUEUED = Duration.ofDays(7 + 365);
  static final String ADMITTED_PREFIX = "ADMITTED#";
  /** Ended tokens and their bookkeeping are deleted by DynamoDB's TTL after this long. */
  static final Duration KEEP_ENDED = Duration.ofDays(1);
  /** A token nobody admitted is deleted after this long. */
  static final Duration KEEP_UNADMITTED = Duration.ofDays(7);
  /**
   * Counters of arrivals and the ranges they became outlive every token they numbered by a day:
   * a counter deleted first could hand a number out again.
   */
  static final Duration KEEP_NUMBERS = KEEP_UNADMITTED.plusDays(1);
  private static final String TOKEN_SK = "TOKEN";
  /**
   * Characters of a replaced secret the item keeps: 96 random bits, as unguessable as a token,
   * and they only ever read an ended status (no write names a replaced token). The whole secret
   * would take the item past 1 KB with a 255-character user id and every old turn kept.
   */
  static final int ENDED_SECRET_CHARS = 16;
  private static final String COUNTERS_SK = "STATE";
  private static final String STATE_SK = "STATE";

  private QueueItems() {}

  static Map<String, AttributeValue> tokenKey(QueueTokenId id) {
    return tokenKey(id.concertId(), id.ownerHash());
  }

  /** The one token item of the user whose owner hash is {@code ownerHash}, for the concert. */
  static Map<String, AttributeValue> tokenKey(String concertId, String ownerHash) {
    return Items.key(TOKEN_PREFIX + concertId + "#" + ownerHash, TOKEN_SK);
  }

  /** The token a token item's key (or an index entry's table key) and {@code secret} name. */
  static QueueTokenId tokenIdOf(String pk, String secret) {
    String concertAndOwner = pk.substring(TOKEN_PREFIX.length());
    int hash = concertAndOwner.lastIndexOf('#');
    return new QueueTokenId(concertAndOwner.substring(0, hash), concertAndOwner.substring(hash + 1), secret);
  }

  /** The token an item (or an index entry projecting all attributes) holds now. */
  static QueueTokenId currentTokenId(Map<String, AttributeValue> item) {
    return tokenIdOf(Items.string(item, "pk"), Items.string(item, "secret"));
  }

  static Map<String, AttributeValue> counterKey(String concertId) {
    return Items.key(QUEUE_PREFIX + concertId, COUNTERS_SK);
  }

  /**
   * The receipts of the draw's head, admitted at the cut-off before the draw was written
   * (space-separated, in the draw's order): the draw written after starts with them.
   */
  static Map<String, AttributeValue> drawHeadKey(String concertId) {
    return Items.key(QUEUE_PREFIX + concertId, "DRAWHEAD");
  }

  /**
   * The counter of {@code shard}'s arrivals in the second {@code bucket}: each shard its own
   * partition, so no partition takes more than 1/K of the joins.
   */
  static Map<String, AttributeValue> numberKey(String concertId, int shard, long bucket) {
    return Items.key(numberPk(concertId, shard), second10(bucket));
  }

  /**
   * The next number of {@code shard}'s counter for the second {@code bucket} (1 for the first).
   * Given up once {@code within} has passed (StorageUnavailableException).
   */
  static ArrivalNumber takeNumber(Table table, String concertId, int shard, long bucket, Optional<Duration> within) {
    Map<String, AttributeValue> counter = table.updateAndGet(update -> update.key(numberKey(concertId, shard, bucket))
        .updateExpression("ADD n :one SET #ttl = if_not_exists(#ttl, :ttl)")
        .expressionAttributeNames(Map.of("#ttl", "ttl"))
        .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(bucket + KEEP_NUMBERS.toSeconds()))), within);
    return new ArrivalNumber(bucket, shard, Items.number(counter, "n"));
  }

  static String numberPk(String concertId, int shard) {
    return NUMBER_PREFIX + concertId + "#" + shard;
  }

  /**
   * Part {@code part} of the range of the second {@code bucket}: ordered by second, then part (so
   * by place), read by polls by key and by admission from a second on.
   */
  static Map<String, AttributeValue> rangeKey(String concertId, long bucket, int part) {
    return Items.key(rangePk(concertId), second10(bucket) + "#" + String.format("%03d", part));
  }

  static String rangePk(String concertId) {
    return RANGE_PREFIX + concertId;
  }

  /** The same range, keyed by its base: admission reads ranges in place order, which parts of open seconds interleave. */
  static Map<String, AttributeValue> placesKey(String concertId, long base) {
    return Items.key(placesPk(concertId), place12(base));
  }

  static String placesPk(String concertId) {
    return PLACES_PREFIX + concertId;
  }

  static String second10(long bucket) {
    return String.format("%010d", bucket);
  }

  /** The gsi2 partition of one shard's arrivals in one second, ordered by number. */
  static String arrivalIndexPk(String concertId, long bucket, int shard) {
    return ARRIVAL_PREFIX + concertId + "#" + bucket + "#" + shard;
  }

  static String number9(long number) {
    return String.format("%09d", number);
  }

  /**
   * A token's gsi2 sort key: its number, then its secret, so that admission, which finds tokens
   * only through this keys-only index, can make every write on one conditional on its secret.
   */
  static String arrivalSk(long number, String secret) {
    return number9(number) + "#" + secret;
  }

  /** The highest sort key of {@code number}'s entries ('~' sorts after every secret's characters). */
  static String arrivalSkThrough(long number) {
    return number9(number) + "~";
  }

  /** The number and secret of a gsi2 sort key. */
  static long numberOfArrivalSk(String sk) {
    return Long.parseLong(sk.substring(0, sk.indexOf('#')));
  }

  static String secretOfArrivalSk(String sk) {
    return sk.substring(sk.indexOf('#') + 1);
  }

  static Map<String, AttributeValue> stateKey(String concertId, int replica) {
    return Items.key(STATE_PREFIX + concertId + "#" + replica, STATE_SK);
  }

  /**
   * The index partition of pre-queue tokens whose hmac starts with hex digit {@code partition}:
   * partition 0 holds the draw's head. A token stored without an hmac (its concert had no seed)
   * is in partition 0, ahead of every hmac: it is never drawn (see {@link #hmacOf}).
   */
  static String preQueueIndexPk(String concertId, int partition) {
    return PREQUEUE_PREFIX + concertId + "#" + Integer.toHexString(partition);
  }

  /**
   * Counters of pre-queue joins per index partition (hex digit): {@code ceil(K / 16)} each, so
   * 16 x that many in all (400 at the default K = 400). A join counts on one of its partition's,
   * at random. The hmac spreads a rush of a million joins a minute (16,700/s) evenly over the 16
   * partitions, about 1,040/s each, so one counter per partition would exceed the 1,000 writes/s
   * of an item; 25 take about 42/s each. Each is its own DynamoDB partition (the sub-shard is in
   * its partition key): items under one partition key would share that partition's 1,000 writes/s.
   * Like the arrivals' counters, K must never be lowered during a sale: a counter beyond the new
   * count would no longer be read.
   */
  static int preQueueSubShards(int shards) {
    return Math.max(1, (shards + PRE_QUEUE_PARTITIONS - 1) / PRE_QUEUE_PARTITIONS);
  }

  /** Counter {@code sub} of the pre-queue joins listed in index partition {@code partition}. */
  static Map<String, AttributeValue> preQueueCountKey(String concertId, int partition, int sub) {
    return Items.key(PRE_COUNT_PREFIX + concertId + "#" + Integer.toHexString(partition) + "#" + sub, "COUNT");
  }

  /** The partition and sub-shard a pre-queue counter's key names. */
  static int[] preQueueCountOf(Map<String, AttributeValue> item) {
    String pk = Items.string(item, "pk");
    String[] parts = pk.substring(pk.lastIndexOf('#', pk.lastIndexOf('#') - 1) + 1).split("#");
    return new int[] {Integer.parseInt(parts[0], 16), Integer.parseInt(parts[1])};
  }

  /**
   * Counts one pre-queue join on counter {@code sub} of {@code partition}, before its token is
   * stored: a counter may count a join whose token then was not stored, never miss a stored one.
   * Lives as long as the pre-queue tokens it counts. Given up once {@code within} has passed.
   */
  static void countPreQueueJoin(Table table, String concertId, int partition, int sub, Instant opening,
      Optional<Duration> within) {
    table.updateAndGet(update -> update.key(preQueueCountKey(concertId, partition, sub))
        .updateExpression("ADD n :one SET #ttl = if_not_exists(#ttl, :ttl)")
        .expressionAttributeNames(Map.of("#ttl", "ttl"))
        .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(opening.plus(KEEP_PRE_QUEUED).getEpochSecond()))),
        within);
  }

  static int preQueuePartition(String hmac) {
    return hmac.isEmpty() ? 0 : Character.digit(hmac.charAt(0), 16);
  }

  /**
   * A pre-queue token's index sort key: its hmac (lowercase hex of one length: string order is the
   * draw's byte order), then its receipt, as the draw orders ties ({@code Draw.ORDER}).
   */
  static String preQueueSk(String hmac, String receiptId) {
    return hmac + "#" + receiptId;
  }

  /** The hmac in a pre-queue index entry's sort key; empty for a token stored without one. */
  static String hmacOf(Map<String, AttributeValue> item) {
    String sk = Items.string(item, "gsi1sk");
    int hash = sk == null ? -1 : sk.indexOf('#');
    return hash < 0 ? "" : sk.substring(0, hash);
  }

  /**
   * The item of draw {@code drawId}'s published order holding entries from {@code chunk * DRAW_CHUNK}
   * on: their receipts alone, space-separated (the hmacs follow from the published seed). Each
   * draw's items are its own: of two overlapping rounds that drew, only the one that froze the
   * draw names its id, and the other's items are never read.
   */
  static Map<String, AttributeValue> drawKey(String concertId, String drawId, long chunk) {
    return Items.key(DRAW_PREFIX + concertId, drawId + "#" + String.format("%06d", chunk));
  }

  static List<String> receiptsOf(Map<String, AttributeValue> chunk) {
    String receipts = Items.string(chunk, "receipts");
    return receipts == null || receipts.isEmpty() ? List.of() : List.of(receipts.split(" "));
  }

  /**
   * Shards of a concert's admitted sessions: admission writes a burst of up to maxActive index
   * entries at once (a sale's opening), which one index partition would take at about 1,000 a
   * second; 16 take a burst of 16,000.
   */
  static final int ADMITTED_SHARDS = 16;

  /** The gsi1 partition of the admitted session of {@code place}, ordered by place. */
  static String admittedIndexPk(String concertId, long place) {
    return ADMITTED_PREFIX + concertId + "#" + Math.floorMod(place, ADMITTED_SHARDS);
  }

  static String place12(long place) {
    return String.format("%012d", place);
  }

  /**
   * A new token's item: waiting, listed in gsi2 under its arrival number, or in the pre-queue's
   * index under its draw hmac ({@code hmac}; empty if the concert has no seed) when it joined
   * before the opening (then it lives until well past the opening); {@code earlier}: the turns it
   * replaces, newest first, at most {@link JoinStore#KEPT_ENDED}.
   */
  static Map<String, AttributeValue> newTokenItem(QueueToken token, String hmac, Optional<Instant> preQueueUntil,
      List<JoinStore.EndedTurn> earlier) {
    Map<String, AttributeValue> item = new HashMap<>(tokenKey(token.token()));
    item.put("secret", s(token.token().secret()));
    item.put("receiptId", s(token.receiptId()));
    item.put("userId", s(token.userId()));
    item.put("status", s(token.status().name()));
    item.put("joinedAt", n(token.joinedAt().toEpochMilli()));
    token.number().ifPresentOrElse(number -> {
      item.put("bucket", n(number.bucket()));
      item.put("shard", n(number.shard()));
      item.put("number", n(number.number()));
      item.put("gsi2pk", s(arrivalIndexPk(token.concertId(), number.bucket(), number.shard())));
      item.put("gsi2sk", s(arrivalSk(number.number(), token.token().secret())));
    }, () -> {
      item.put("gsi1pk", s(preQueueIndexPk(token.concertId(), preQueuePartition(hmac))));
      item.put("gsi1sk", s(preQueueSk(hmac, token.receiptId())));
    });
    if (!earlier.isEmpty()) {
      item.put("ended", AttributeValue.fromL(earlier.stream().limit(JoinStore.KEPT_ENDED)
          .map(turn -> s(endedEntry(turn))).toList()));
    }
    item.put("ttl", n(preQueueUntil.map(opening -> opening.plus(KEEP_PRE_QUEUED))
        .orElse(token.joinedAt().plus(KEEP_UNADMITTED)).getEpochSecond()));
    return item;
  }

  /** A replaced turn as the item keeps it: {@code <secret's first 16>.<receiptId>.<E|C>}. */
  private static String endedEntry(JoinStore.EndedTurn turn) {
    String secret = turn.secret().substring(0, Math.min(ENDED_SECRET_CHARS, turn.secret().length()));
    return secret + "." + turn.receiptId() + "." + (turn.endedAs() == QueueToken.Status.CLOSED ? "C" : "E");
  }

  private static List<JoinStore.EndedTurn> endedOf(Map<String, AttributeValue> item) {
    AttributeValue ended = item.get("ended");
    if (ended == null || !ended.hasL()) {
      return List.of();
    }
    return ended.l().stream().map(entry -> {
      String[] parts = entry.s().split("\\.");
      return new JoinStore.EndedTurn(parts[0], parts[1], "C".equals(parts[2]) ? QueueToken.Status.CLOSED : QueueToken.Status.EXPIRED);
    }).toList();
  }

  /** The token, read consistently. */
  static Optional<QueueToken> readToken(Table table, QueueTokenId id) {
    return table.get(tokenKey(id)).flatMap(item -> tokenOf(id, item));
  }

  /** The user's token item for the concert, read consistently, as a join sees it. */
  static Optional<JoinStore.Stored> readStored(Table table, String userId, String concertId) {
    return table.get(tokenKey(concertId, QueueTokenId.ownerHashOf(userId))).flatMap(item -> {
      QueueTokenId id = currentTokenId(item);
      return tokenOf(id, item).map(token -> new JoinStore.Stored(token, holdsSlot(item), endedOf(item)));
    });
  }

  /**
   * Whether the item is still listed among the admitted sessions: its turn counts against the
   * active limit until maintenance ends it ({@code endSession}), even once its time has run out or
   * a payment has expired it. Writing over it would leave that slot taken for good.
   */
  static boolean holdsSlot(Map<String, AttributeValue> item) {
    String index = Items.string(item, "gsi1pk");
    return index != null && index.startsWith(ADMITTED_PREFIX);
  }

  /** The counters, read consistently. */
  static QueueCounters readCounters(Table table, String concertId) {
    return countersOf(concertId, table.get(counterKey(concertId)).orElse(null));
  }

  /**
   * The token {@code id} names in the stored item: its current token, or one it replaced (then
   * only how that turn ended); empty if the item names neither (a forged or unknown secret).
   */
  static Optional<QueueToken> tokenOf(QueueTokenId id, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    String userId = Items.string(item, "userId");
    if (!id.secret().equals(Items.string(item, "secret"))) {
      return endedOf(item).stream().filter(turn -> id.secret().startsWith(turn.secret())).findFirst()
          .map(turn -> QueueToken.replaced(id, turn.receiptId(), userId, turn.endedAs()));
    }
    return Optional.of(new QueueToken(id, Items.string(item, "receiptId"), userId,
        id.concertId(), QueueToken.StoredStatus.valueOf(Items.string(item, "status")),
        Instant.ofEpochMilli(Items.number(item, "joinedAt")),
        item.containsKey("place") ? Optional.of(Items.number(item, "place")) : Optional.empty(),
        isInPreQueue(item), numberOf(item), optionalInstant(item, "activatedAt"), optionalInstant(item, "activeUntil"), optionalInstant(item, "firstUsedAt")));
  }

  private static Optional<ArrivalNumber> numberOf(Map<String, AttributeValue> item) {
    return item.containsKey("number")
        ? Optional.of(new ArrivalNumber(Items.number(item, "bucket"), (int) Items.number(item, "shard"),
            Items.number(item, "number")))
        : Optional.empty();
  }

  /**
   * Whether the token waits in the pre-queue: its index entry is in the pre-queue's partition,
   * where the join put it ({@link #newTokenItem}) and which its place's write takes it out of.
   * No attribute of its own, so tokens stored before it was asked read right too.
   */
  private static boolean isInPreQueue(Map<String, AttributeValue> item) {
    String index = Items.string(item, "gsi1pk");
    return index != null && index.startsWith(PREQUEUE_PREFIX);
  }

  /** One replica of the queue's shared state. */
  static Map<String, AttributeValue> stateItem(QueueState state, int replica) {
    Map<String, AttributeValue> item = new HashMap<>(stateKey(state.concertId(), replica));
    item.put("version", n(state.version()));
    item.put("saleState", s(state.saleState().name()));
    state.saleOpensAt().ifPresent(at -> item.put("saleOpensAt", n(at.toEpochMilli())));
    item.put("admittedThrough", n(state.admittedThrough()));
    item.put("placedThrough", n(state.placedThrough()));
    state.rangedThrough().ifPresent(bucket -> item.put("rangedThrough", n(bucket)));
    Map<String, AttributeValue> openParts = new HashMap<>();
    state.openParts().forEach((second, part) -> openParts.put(Long.toString(second), n(part)));
    item.put("openParts", AttributeValue.fromM(openParts));
    if (!state.recentParts().isEmpty()) {
      item.put("parts", AttributeValue.fromB(SdkBytes.fromByteArray(RangeCodec.encodeAll(state.recentParts()))));
    }
    item.put("activeUsers", n(state.activeUsers()));
    item.put("maxActive", n(state.maxActive()));
    state.admissionsPerSecond().ifPresent(rate -> item.put("admissionsPerSecond", AttributeValue.fromN(Double.toString(rate))));
    state.closedBefore().ifPresent(at -> item.put("closedBefore", n(at.toEpochMilli())));
    item.put("updatedAt", n(state.updatedAt().toEpochMilli()));
    state.draw().ifPresent(draw -> {
      item.put("drawId", s(draw.drawId()));
      item.put("drawnCount", n(draw.count()));
      item.put("drawFirsts", s(draw.firsts()));
    });
    if (state.preQueued() > 0) {
      item.put("preQueued", n(state.preQueued()));
    }
    return item;
  }

  static QueueState stateOf(String concertId, Map<String, AttributeValue> item) {
    return new QueueState(concertId, Items.number(item, "version"), SaleState.valueOf(Items.string(item, "saleState")),
        optionalInstant(item, "saleOpensAt"), Items.number(item, "admittedThrough"),
        Items.number(item, "placedThrough"), optionalLong(item, "rangedThrough"), openPartsOf(item.get("openParts")),
        Optional.ofNullable(item.get("parts")).filter(parts -> parts.b() != null)
            .map(parts -> RangeCodec.decodeAll(parts.b().asByteArray())).orElse(List.of()),
        Items.number(item, "activeUsers"), (int) Items.number(item, "maxActive"),
        Optional.ofNullable(item.get("admissionsPerSecond")).map(v -> Double.parseDouble(v.n())),
        optionalInstant(item, "closedBefore"), Instant.ofEpochMilli(Items.number(item, "updatedAt")),
        item.containsKey("drawId") ? Optional.of(new DrawIndex(Items.string(item, "drawId"), Items.number(item, "drawnCount"),
            Objects.requireNonNullElse(Items.string(item, "drawFirsts"), ""))) : Optional.empty(),
        longOr(item, "preQueued"));
  }

  static QueueCounters countersOf(String concertId, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return QueueCounters.empty(concertId);
    }
    return new QueueCounters(concertId, longOr(item, "placedThrough"),
        optionalLong(item, "rangedThrough"), openOf(item.get("open")), longOr(item, "admissionBase"),
        longOr(item, "admitted"), longOr(item, "ended"), longOr(item, "activatedThrough"),
        optionalInstant(item, "lastAdmissionAt"),
        Optional.ofNullable(item.get("admissionsPerSecond")).map(v -> Double.parseDouble(v.n())),
        item.containsKey("drawnCount") ? Optional.of(Items.number(item, "drawnCount")) : Optional.empty(),
        Optional.ofNullable(Items.string(item, "drawId")),
        Optional.ofNullable(Items.string(item, "saleState")).map(SaleState::valueOf), longOr(item, "stateChanges"),
        optionalInstant(item, "closedBefore"), Objects.requireNonNullElse(Items.string(item, "drawFirsts"), ""),
        longOr(item, "preQueued"), longOr(item, "preQueueCounts"),
        item.containsKey("drawnBy") ? longs(item.get("drawnBy")) : List.of(), longOr(item, "preQueueBase"),
        optionalInstant(item, "preQueueBaseFor"));
  }

  static Optional<Long> optionalLong(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Optional.of(Items.number(item, name)) : Optional.empty();
  }

  /**
   * A range's item under {@code key}: its second, part and base, and each shard's numbers, from
   * (exclusive) and to, as compact bytes ({@code shards}, {@link RangeCodec}): about a byte a shard.
   */
  static Map<String, AttributeValue> rangeItem(Map<String, AttributeValue> key, ArrivalRange range, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(key);
    item.put("second", n(range.bucket()));
    item.put("part", n(range.part()));
    item.put("base", n(range.base()));
    item.put("shards", AttributeValue.fromB(SdkBytes.fromByteArray(RangeCodec.encode(range))));
    item.put("ttl", n(now.plus(KEEP_NUMBERS).getEpochSecond()));
    return item;
  }

  /** A range's item; one written before the compact form has its ends as lists ({@code from}, {@code to}). */
  static ArrivalRange rangeOf(Map<String, AttributeValue> item) {
    AttributeValue shards = item.get("shards");
    if (shards != null && shards.b() != null) {
      return RangeCodec.decode(shards.b().asByteArray());
    }
    return new ArrivalRange(Items.number(item, "second"), (int) Items.number(item, "part"),
        Items.number(item, "base"), longs(item.get("from")), longs(item.get("to")));
  }

  private static SortedMap<Long, Integer> openPartsOf(AttributeValue stored) {
    SortedMap<Long, Integer> parts = new TreeMap<>();
    if (stored != null && stored.hasM()) {
      stored.m().forEach((second, part) -> parts.put(Long.parseLong(second), Integer.parseInt(part.n())));
    }
    return parts;
  }

  /**
   * The open seconds as stored: {@code {"<second>": {"p": part, "b": ends}}}, the ends as compact
   * bytes ({@link RangeCodec}): every update of the counters costs write units by the item's size.
   */
  static AttributeValue openItem(SortedMap<Long, QueueCounters.OpenSecond> open) {
    Map<String, AttributeValue> seconds = new HashMap<>();
    open.forEach((second, state) -> seconds.put(Long.toString(second), AttributeValue.fromM(Map.of("p", n(state.part()),
        "b", AttributeValue.fromB(SdkBytes.fromByteArray(RangeCodec.encodeLongs(state.ends())))))));
    return AttributeValue.fromM(seconds);
  }

  /** The open seconds; those stored before the compact form have their ends as a list ({@code e}). */
  private static SortedMap<Long, QueueCounters.OpenSecond> openOf(AttributeValue stored) {
    SortedMap<Long, QueueCounters.OpenSecond> open = new TreeMap<>();
    if (stored != null && stored.hasM()) {
      stored.m().forEach((second, state) -> {
        AttributeValue compact = state.m().get("b");
        List<Long> ends = compact != null && compact.b() != null
            ? RangeCodec.decodeLongs(compact.b().asByteArray()) : longs(state.m().get("e"));
        open.put(Long.parseLong(second), new QueueCounters.OpenSecond(Integer.parseInt(state.m().get("p").n()), ends));
      });
    }
    return open;
  }

  static List<Long> longs(AttributeValue list) {
    return list.l().stream().map(value -> Long.parseLong(value.n())).toList();
  }

  private static long longOr(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Items.number(item, name) : 0;
  }

  static Optional<Instant> optionalInstant(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Optional.of(Instant.ofEpochMilli(Items.number(item, name))) : Optional.empty();
  }
}
