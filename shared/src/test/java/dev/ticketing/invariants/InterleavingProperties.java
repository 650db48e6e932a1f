package dev.ticketing.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.catalog.seed.SeedCatalog.Section;
import dev.ticketing.catalog.seed.SeedCatalog.SeedConcert;
import dev.ticketing.catalog.seed.SeedCatalog.SeedSchedule;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.TestEngine;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.payment.PaymentRequest;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.reservation.ReserveRequest;
import dev.ticketing.reservation.ReserveSeat;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wallet.ChargeRequest;
import dev.ticketing.wallet.IdempotencyKey;
import dev.ticketing.wiring.AppComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random interleavings of charges, holds of orders of 1-3 seats, payments, holds given up,
 * expiries and maintenance runs by several users, run in rounds whose actions execute
 * concurrently on real threads against the engine, with a ticket limit of 3 seats per user that
 * the holds often meet. After every run the table must satisfy the invariants of docs/design.md
 * ({@link Ledger}), the ticket counts included.
 */
class InterleavingProperties {
  private static final String CONCERT = "prop-concert";
  private static final String DATE = "prop-date";
  private static final List<String> USERS = List.of("u1", "u2", "u3", "u4");
  private static final int SEATS_IN_PLAY = 8;
  private static final int LIMIT = 3;
  private static ExecutorService threads;

  /** One thing a user (or the scheduler, or time) does. */
  sealed interface Action permits Charge, Hold, Pay, PayAll, GiveUp, Join, Tick, Maintain {}

  record Charge(String user, long amount, int key) implements Action {}

  /** An order of {@code seats} seats from {@code seatNo} on (those in play). */
  record Hold(String user, int seatNo, int seats) implements Action {
    Integer[] seatNos() {
      return java.util.stream.IntStream.range(seatNo, Math.min(SEATS_IN_PLAY, seatNo + seats - 1) + 1).boxed()
          .toArray(Integer[]::new);
    }
  }

  record GiveUp(String user, int nth) implements Action {}

  record Pay(String user, int nth) implements Action {}

  record PayAll(String user) implements Action {}

  record Join(String user) implements Action {}

  record Tick(int seconds) implements Action {}

  record Maintain() implements Action {}

  @BeforeContainer
  static void startThreads() {
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterContainer
  static void stopThreads() {
    threads.shutdownNow();
  }

  @Property(tries = 25)
  void invariants_hold_after_any_interleaving(@ForAll("rounds") List<List<Action>> rounds) throws Exception {
    assertThat(run(rounds)).isEmpty();
    // The property says little unless runs really buy seats: at least half must.
    Statistics.label("payments made").coverage(c -> c.checkQuery(values -> !"none".equals(values.get(0))).percentage(p -> p >= 50.0));
  }

  @Property(tries = 400)
  @Tag("long")
  void invariants_hold_after_many_interleavings(@ForAll("rounds") List<List<Action>> rounds) throws Exception {
    assertThat(run(rounds)).isEmpty();
  }

  @Provide
  Arbitrary<List<List<Action>>> rounds() {
    Arbitrary<String> user = Arbitraries.of(USERS);
    Arbitrary<Action> action = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Combinators.combine(user, Arbitraries.of(50_000L, 90_000L, 200_000L), Arbitraries.integers().between(0, 3))
            .as(Charge::new)),
        net.jqwik.api.Tuple.of(6, Combinators.combine(user, Arbitraries.integers().between(1, SEATS_IN_PLAY),
            Arbitraries.integers().between(1, 3)).as(Hold::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(user, Arbitraries.integers().between(0, 2)).as(GiveUp::new)),
        net.jqwik.api.Tuple.of(8, Combinators.combine(user, Arbitraries.integers().between(0, 2)).as(Pay::new)),
        net.jqwik.api.Tuple.of(2, user.map(PayAll::new)),
        net.jqwik.api.Tuple.of(2, user.map(Join::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(30, 30, 200, 400).map(Tick::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new Maintain())));
    return action.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(3).ofMaxSize(12);
  }

  private List<String> run(List<List<Action>> rounds) throws Exception {
    TestTable table = TestEngine.shared().newTable();
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    AppComponent app = TestApp.on(table, clock,
        Map.of("QUEUE_MAX_ACTIVE", "3", "ACTIVE_TTL_SECONDS", "600", "ADMISSION_GRACE_SECONDS", "120", "HOLD_TTL_SECONDS", "300",
            "MAX_SEATS_PER_ORDER", "3", "MAX_TICKETS_PER_USER", String.valueOf(LIMIT)));
    Instant start = clock.instant();
    app.catalogSeeder().seed(new SeedCatalog(List.of(new SeedConcert(CONCERT, "P", "P", "P",
        List.of(new Section("A", 1, 3, 150_000), new Section("B", 4, 50, 90_000)),
        List.of(new SeedSchedule(DATE, LocalDate.of(2026, 12, 24), start.plus(Duration.ofDays(30))))))));
    World world = new World(app, clock);
    // Everyone tops up and queues first (three get in), so the random rounds often reach holds
    // and payments; the rounds' own charges, joins, ticks and maintenance vary the rest.
    USERS.forEach(user -> world.apply(new Charge(user, 400_000, 0)));
    USERS.forEach(user -> world.apply(new Join(user)));
    world.apply(new Maintain());
    for (int i = 0; i < USERS.size(); i++) {
      world.apply(new Hold(USERS.get(i), 2 * i + 1, 2));
    }
    for (List<Action> round : rounds) {
      List<Future<?>> running = new ArrayList<>();
      for (Action action : round) {
        running.add(threads.submit(() -> world.apply(action)));
      }
      for (Future<?> done : running) {
        done.get();
      }
    }
    Statistics.label("payments made").collect(world.payments.get() == 0 ? "none" : world.payments.get() == 1 ? "one" : "several");
    Statistics.label("holds made").collect(world.holds.get() == 0 ? "none" : "some");
    Statistics.label("holds refused at the limit").collect(world.overLimit.get() == 0 ? "none" : "some");
    return Ledger.violations(table, clock.instant(), LIMIT);
  }

  /** What users know: their latest token and the reservations they made. */
  private static final class World {
    private final AppComponent app;
    private final MutableClock clock;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<String>> reservations = new ConcurrentHashMap<>();
    final AtomicInteger holds = new AtomicInteger();
    final AtomicInteger overLimit = new AtomicInteger();
    final AtomicInteger payments = new AtomicInteger();

    World(AppComponent app, MutableClock clock) {
      this.app = app;
      this.clock = clock;
    }

    void apply(Action action) {
      try {
        if (action instanceof Charge c) {
          app.chargeBalance().charge(c.user(), IdempotencyKey.chosen(c.user() + "-" + c.key()).orElseThrow(),
              new ChargeRequest(c.amount()));
        } else if (action instanceof Join j) {
          tokens.put(j.user(), app.joinQueue().join(j.user(), CONCERT).view().token());
        } else if (action instanceof Hold h) {
          ReserveSeat.Result held = app.reserveSeat().reserve(h.user(),
              ReserveRequest.of(CONCERT, DATE, h.seatNos()), Optional.ofNullable(tokens.get(h.user())).flatMap(QueueTokenId::parse));
          reservations.computeIfAbsent(h.user(), u -> new CopyOnWriteArrayList<>()).add(held.reservation().reservationId());
          holds.incrementAndGet();
        } else if (action instanceof GiveUp g) {
          List<String> mine = reservations.getOrDefault(g.user(), List.of());
          if (!mine.isEmpty()) {
            app.releaseReservation().release(g.user(), mine.get(Math.min(g.nth(), mine.size() - 1)));
          }
        } else if (action instanceof Pay p) {
          List<String> mine = reservations.getOrDefault(p.user(), List.of());
          if (!mine.isEmpty()) {
            pay(p.user(), mine.get(Math.min(p.nth(), mine.size() - 1)));
          }
        } else if (action instanceof PayAll p) {
          reservations.getOrDefault(p.user(), List.of()).forEach(id -> pay(p.user(), id));
        } else if (action instanceof Tick t) {
          clock.advance(Duration.ofSeconds(t.seconds()));
        } else {
          app.maintenance().runAll();
        }
      } catch (Refused refused) {
        // 4xx answers are part of the game: the invariants must hold whatever was refused.
        if (refused.refusal() == dev.ticketing.domain.Refusal.TICKET_LIMIT) {
          overLimit.incrementAndGet();
        }
      }
    }

    private void pay(String user, String reservationId) {
      try {
        if (app.payForReservation().pay(user, Optional.ofNullable(tokens.get(user)).flatMap(QueueTokenId::parse), new PaymentRequest(reservationId))
            instanceof PayForReservation.Result.Paid) {
          payments.incrementAndGet();
        }
      } catch (Refused refused) {
        // refused payments change nothing; the ledger check will tell
      }
    }
  }
}
