package dev.ticketing.local;

import static dev.ticketing.domain.Refusal.RESERVATION_NOT_FOUND;
import static dev.ticketing.domain.Refusal.SEAT_UNAVAILABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ticketing.catalog.Seat;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.config.Settings;
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
import dev.ticketing.wiring.AppComponent;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code invoke --prepare}: before the invocation, makes what the event names exist for its
 * caller (the {@code sub} claim), through the use cases a client's requests and the schedule run,
 * so that a gated sample event can succeed on fresh data:
 * <ul>
 *   <li>a queue token of the concert its {@code X-Queue-Token} names, joined by the join use case
 *   and admitted by one maintenance round (so ACTIVE). A join draws its token's secret itself, so
 *   the event's header is rewritten to the token the join returned (said on stderr): a sample
 *   event's token can never be the one a join issues;
 *   <li>for the draw's route, the draw of the concert it names, by one maintenance round;
 *   <li>the reservation its body or path names ({@code reservationId}), under that very id (the
 *   reservation use case takes the id a client chooses): a hold of the first seat still AVAILABLE
 *   on the first date to come of the token's concert (for an event that names no token, the
 *   catalogue's first concert, joined and admitted as above), and a balance that pays for it, by
 *   the wallet's charge.
 * </ul>
 * The sample events of {@code events/} name one caller, one token and one reservation, so each
 * of them succeeds after this. Records already there (a persistent engine) are left as they are:
 * a caller's live token is the one a join answers with again.
 */
final class EventPreparation {
  private static final String DRAW_ROUTE = "GET /concerts/{concertId}/queue/draw";
  private static final String TOKEN_HEADER = "x-queue-token";

  private final AppComponent app;
  private final SeedCatalog catalog;
  private final Clock clock;
  private final Settings settings;
  private final ObjectMapper json;

  EventPreparation(AppComponent app, SeedCatalog catalog, Clock clock, Settings settings) {
    this.app = app;
    this.catalog = catalog;
    this.clock = clock;
    this.settings = settings;
    this.json = app.objectMapper();
  }

  /** What was made, one line each, for the command's stderr; the event's token header is set to the caller's. */
  List<String> prepare(ObjectNode event) throws Refusal {
    if (DRAW_ROUTE.equals(event.path("routeKey").asText(""))) {
      return List.of(drawn(event.at("/pathParameters/concertId").asText("")));
    }
    String user = event.at("/requestContext/authorizer/jwt/claims/sub").asText("");
    Optional<String> named = header(event, TOKEN_HEADER);
    Optional<QueueTokenId> token = named.flatMap(QueueTokenId::parse);
    Optional<String> reservationId = reservationId(event);
    if (user.isEmpty() || (token.isEmpty() && reservationId.isEmpty())) {
      return List.of("--prepare: the event names no caller's token or reservation; nothing to prepare");
    }
    String concertId = token.map(QueueTokenId::concertId).orElseGet(() -> catalog.concerts().get(0).concertId());
    List<String> made = new ArrayList<>();
    // A hold is made behind the gate, as a client makes it: with an ACTIVE token of the concert.
    QueueView admitted = admitted(user, concertId);
    made.add("--prepare: " + user + " holds the ACTIVE queue token " + concertId + ".*** until " + admitted.activeUntil()
        + (token.isPresent() ? "" : " (for the hold)"));
    if (token.isPresent() && !named.get().equals(admitted.token())) {
      setHeader(event, TOKEN_HEADER, admitted.token());
      made.add("--prepare: the event's X-Queue-Token is now " + admitted.token()
          + " (the token the join issued; a join draws its own, so the event's cannot be made)");
    }
    if (reservationId.isPresent()) {
      long price = held(user, concertId, reservationId.get(), admitted.token());
      app.chargeBalance().charge(user, IdempotencyKey.chosen("invoke-prepare-" + reservationId.get()).orElseThrow(),
          new ChargeRequest(price));
      made.add("--prepare: " + user + " holds reservation " + reservationId.get() + " and a balance of at least " + price);
    }
    return made;
  }

  /**
   * One maintenance round, which draws a concert's pre-queue once it is closed and publishes the
   * seed (at once for a sale open since its creation: its pre-queue is empty).
   */
  private String drawn(String concertId) throws Refusal {
    SeedConcert concert = concert(concertId, "the event names concert " + concertId + ", which is not in the catalogue");
    Optional<Instant> opening = Optional.ofNullable(concert.saleOpensAt());
    if (opening.isPresent() && Instants.now(clock).isBefore(opening.get().plus(settings.placementSettle()))) {
      throw new Refusal("the pre-queue of " + concertId + " is open until " + opening.get() + ": its draw comes after");
    }
    round(concertId);
    return "--prepare: one maintenance round for " + concertId + ": its draw is published";
  }

  /**
   * The caller's token of the concert as the join use case answers (their live one, or a new
   * one), admitted by a maintenance round: its view, ACTIVE. A turn that has ended but still holds
   * its slot is what a join answers with until a round ends it: then the round, and the join again.
   */
  private QueueView admitted(String user, String concertId) throws Refusal {
    concert(concertId, "the token names concert " + concertId + ", which is not in the catalogue");
    QueueView joined = join(user, concertId);
    if (joined.status() != QueueToken.Status.WAITING && joined.status() != QueueToken.Status.ACTIVE) {
      round(concertId);
      joined = join(user, concertId);
    }
    if (joined.status() != QueueToken.Status.ACTIVE) {
      round(concertId);
    }
    QueueView view = app.queueStatus().status(user, QueueTokenId.parse(joined.token()));
    if (view.status() != QueueToken.Status.ACTIVE) {
      throw new Refusal("the token is " + view.status() + ", not ACTIVE (the queue of " + concertId + " is full)");
    }
    return view;
  }

  private QueueView join(String user, String concertId) throws Refusal {
    try {
      return app.joinQueue().join(user, concertId).view();
    } catch (Refused refused) {
      throw new Refusal("cannot join the queue of " + concertId + ": " + refused.detail());
    }
  }

  /** One round of maintenance, as the schedule runs it; a step that failed for the concert is a refusal. */
  private void round(String concertId) throws Refusal {
    List<String> failed = app.maintenance().runAll().failures().stream()
        .filter(failure -> failure.concertId().isEmpty() || failure.concertId().get().equals(concertId))
        .map(failure -> failure.step()).toList();
    if (!failed.isEmpty()) {
      throw new Refusal("the maintenance round failed for " + concertId + " (" + String.join(", ", failed)
          + "); its log above says why");
    }
  }

  private SeedConcert concert(String concertId, String otherwise) throws Refusal {
    return catalog.concerts().stream().filter(c -> c.concertId().equals(concertId)).findFirst()
        .orElseThrow(() -> new Refusal(otherwise));
  }

  /**
   * A hold under {@code reservationId} of the first free seat of the concert's first date to come,
   * by the reservation use case with the caller's ACTIVE {@code token}; its price. One the caller
   * holds already under that id (a persistent engine) is left as it is.
   */
  private long held(String user, String concertId, String reservationId, String token) throws Refusal {
    try {
      return app.showReservation().show(user, reservationId).price();
    } catch (Refused notThere) {
      if (notThere.refusal() != RESERVATION_NOT_FOUND) {
        throw new Refusal("reservation " + reservationId + ": " + notThere.detail());
      }
    }
    Instant now = Instants.now(clock);
    SeedConcert concert = concert(concertId, "no concert " + concertId + " in the catalogue");
    for (SeedSchedule date : concert.schedules()) {
      if (!date.startsAt().isAfter(now)) {
        continue;
      }
      for (int seatNo = Seat.FIRST; seatNo <= Seat.LAST; seatNo++) {
        try {
          return app.reserveSeat().reserve(user, ReserveRequest.of(concertId, date.scheduleId(), seatNo),
              QueueTokenId.parse(token), reservationId).reservation().price();
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

  /** The header under the name the event already spells it with (API Gateway lower-cases them). */
  private static void setHeader(ObjectNode event, String name, String value) {
    ObjectNode headers = (ObjectNode) event.get("headers");
    for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
      String spelled = names.next();
      if (spelled.equalsIgnoreCase(name)) {
        headers.put(spelled, value);
        return;
      }
    }
  }

  /** What the event names cannot be made: the invocation does not run. */
  static final class Refusal extends Exception {
    Refusal(String message) {
      super(message);
    }
  }
}
