package dev.ticketing.local;

import static dev.ticketing.domain.Refusal.RESERVATION_NOT_FOUND;
import static dev.ticketing.domain.Refusal.SEAT_UNAVAILABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.domain.Instants;
import dev.ticketing.domain.Refused;
import dev.ticketing.queue.ArrivalNumber;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.queue.state.QueueView;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code invoke --prepare}: before the invocation, makes what the event names exist for its
 * caller (the {@code sub} claim), so that a gated sample event can succeed on fresh data:
 * <ul>
 *   <li>the queue token its {@code X-Queue-Token} names, under that very id, joined and admitted
 *   by one round of the real admission (so ACTIVE);
 *   <li>for the draw's route, the draw of the concert it names, by one queue round;
 *   <li>the reservation its body or path names ({@code reservationId}), under that very id: a hold
 *   of the first seat still AVAILABLE on the first date of the token's concert, made by the
 *   reservation use case with that token (or, for an event that names none, the caller's latest
 *   token of the catalogue's first concert, or a new one, admitted as above), and a balance that
 *   pays for it.
 * </ul>
 * The sample events of {@code events/} name one caller, one token and one reservation, so each
 * of them succeeds after this. Records already there (a persistent engine) are left as they are.
 */
final class EventPreparation {
  private final LocalComponent app;
  private final SeedCatalog catalog;
  private final ObjectMapper json;

  private static final String DRAW_ROUTE = "GET /concerts/{concertId}/queue/draw";

  EventPreparation(LocalComponent app, SeedCatalog catalog) {
    this.app = app;
    this.catalog = catalog;
    this.json = app.objectMapper();
  }

  /** What was made, one line each, for the command's stderr. */
  List<String> prepare(JsonNode event) throws Refusal {
    if (DRAW_ROUTE.equals(event.path("routeKey").asText(""))) {
      return List.of(drawn(event.at("/pathParameters/concertId").asText("")));
    }
    String user = event.at("/requestContext/authorizer/jwt/claims/sub").asText("");
    Optional<QueueTokenId> token = header(event, "x-queue-token").flatMap(QueueTokenId::parse);
    Optional<String> reservationId = reservationId(event);
    if (user.isEmpty() || (token.isEmpty() && reservationId.isEmpty())) {
      return List.of("--prepare: the event names no caller's token or reservation; nothing to prepare");
    }
    String concertId = token.map(QueueTokenId::concertId).orElseGet(() -> catalog.concerts().get(0).concertId());
    List<String> made = new ArrayList<>();
    // A hold is made behind the gate, as a client makes it: with an ACTIVE token of the concert.
    Optional<QueueTokenId> gate = token.or(() -> reservationId.map(id -> app.joinStore().latestToken(user, concertId)
        .map(QueueToken::token).orElseGet(() -> QueueTokenId.generate(concertId, user))));
    if (gate.isPresent()) {
      Instant activeUntil = admitted(user, gate.get());
      made.add("--prepare: " + user + " holds the ACTIVE queue token " + concertId + ".*** until " + activeUntil
          + (token.isPresent() ? "" : " (for the hold)"));
    }
    if (reservationId.isPresent()) {
      long price = held(user, concertId, reservationId.get(), gate.orElseThrow());
      app.chargeBalance().charge(user, IdempotencyKey.chosen("invoke-prepare-" + reservationId.get()).orElseThrow(),
          new ChargeRequest(price));
      made.add("--prepare: " + user + " holds reservation " + reservationId.get() + " and a balance of at least " + price);
    }
    return made;
  }

  /**
   * One queue round for the concert, which draws its pre-queue once it is closed and publishes
   * the seed (at once for a sale open since its creation: its pre-queue is empty).
   */
  private String drawn(String concertId) throws Refusal {
    Optional<SeedConcert> concert = catalog.concerts().stream().filter(c -> c.concertId().equals(concertId)).findFirst();
    if (concert.isEmpty()) {
      throw new Refusal("the event names concert " + concertId + ", which is not in the catalogue");
    }
    Optional<Instant> opening = Optional.ofNullable(concert.get().saleOpensAt());
    if (opening.isPresent() && Instants.now(app.clock()).isBefore(opening.get().plus(app.settings().placementSettle()))) {
      throw new Refusal("the pre-queue of " + concertId + " is open until " + opening.get() + ": its draw comes after");
    }
    app.queueRound().run(concertId);
    return "--prepare: one queue round for " + concertId + ": its draw is published";
  }

  /** The caller's token under {@code id}, joined unless it is there already, then one queue round; the end of its turn. */
  private Instant admitted(String user, QueueTokenId id) throws Refusal {
    if (catalog.concerts().stream().noneMatch(concert -> concert.concertId().equals(id.concertId()))) {
      throw new Refusal("the token names concert " + id.concertId() + ", which is not in the catalogue");
    }
    if (!id.ownedBy(user)) {
      throw new Refusal("the token names another user than " + user + " (its owner hash is not theirs)");
    }
    JoinStore store = app.joinStore();
    Optional<QueueToken> latest = store.latestToken(user, id.concertId());
    if (latest.filter(token -> token.token().equals(id)).isEmpty()) {
      // Arrived a second earlier than placement waits for an arrival's second to settle, so this round places it.
      Instant arrived = Instants.now(app.clock()).minus(app.settings().placementSettle()).minusSeconds(1);
      ArrivalNumber number = store.takeNumber(id.concertId(), arrived.getEpochSecond(), Optional.empty());
      QueueToken waiting = QueueToken.joined(id, QueueToken.newReceiptId(), user, arrived, Optional.of(number));
      if (store.insert(waiting, latest.map(QueueToken::token), List.of(), Optional.empty(), Optional.empty())
          != JoinStore.InsertResult.INSERTED) {
        throw new Refusal(user + " already has another live token for " + id.concertId());
      }
    }
    app.queueRound().run(id.concertId());
    QueueView view = app.queueStatus().status(user, Optional.of(id));
    if (view.status() != QueueToken.Status.ACTIVE) {
      throw new Refusal("the token is " + view.status() + ", not ACTIVE (the queue of " + id.concertId() + " is full)");
    }
    return view.activeUntil();
  }

  /**
   * A hold under {@code reservationId} of the first free seat of the concert's first date to come,
   * by the reservation use case with the caller's ACTIVE {@code token}; its price. One the caller
   * holds already under that id (a persistent engine) is left as it is.
   */
  private long held(String user, String concertId, String reservationId, QueueTokenId token) throws Refusal {
    try {
      return app.showReservation().show(user, reservationId).price();
    } catch (Refused notThere) {
      if (notThere.refusal() != RESERVATION_NOT_FOUND) {
        throw new Refusal("reservation " + reservationId + ": " + notThere.detail());
      }
    }
    Instant now = Instants.now(app.clock());
    SeedConcert concert = catalog.concerts().stream().filter(c -> c.concertId().equals(concertId)).findFirst()
        .orElseThrow(() -> new Refusal("no concert " + concertId + " in the catalogue"));
    for (SeedSchedule date : concert.schedules()) {
      if (!date.startsAt().isAfter(now)) {
        continue;
      }
      for (int seatNo = Seat.FIRST; seatNo <= Seat.LAST; seatNo++) {
        try {
          return app.reserveSeat().reserve(user, ReserveRequest.of(concertId, date.scheduleId(), seatNo),
              Optional.of(token), reservationId).reservation().price();
        } catch (Refused refused) {
          if (refused.refusal() != SEAT_UNAVAILABLE) {
            throw new Refusal("cannot hold a seat of " + concertId + " for reservation " + reservationId + ": "
                + refused.detail());
          }
          // taken, or a date no longer booked: the next seat, or date
        }
      }
    }
    throw new Refusal("no seat of " + concertId + " is free to hold for reservation " + reservationId);
  }

  private Optional<String> reservationId(JsonNode event) {
    String inPath = event.at("/pathParameters/reservationId").asText("");
    if (!inPath.isEmpty()) {
      return Optional.of(inPath);
    }
    String body = event.path("body").asText("");
    if (body.isEmpty() || event.path("isBase64Encoded").asBoolean(false)) {
      return Optional.empty();
    }
    try {
      String inBody = json.readTree(body).path("reservationId").asText("");
      return inBody.isEmpty() ? Optional.empty() : Optional.of(inBody);
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private static Optional<String> header(JsonNode event, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> headers = event.path("headers").fields(); headers.hasNext(); ) {
      Map.Entry<String, JsonNode> header = headers.next();
      if (header.getKey().equalsIgnoreCase(name)) {
        return Optional.of(header.getValue().asText());
      }
    }
    return Optional.empty();
  }

  /** What the event names cannot be made: the invocation does not run. */
  static final class Refusal extends Exception {
    Refusal(String message) {
      super(message);
    }
  }
}
