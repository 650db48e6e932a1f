package dev.ticketing.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.catalog.ConcertLastDate;
import dev.ticketing.catalog.Concert;
import dev.ticketing.config.Settings;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metric;
import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.FixedCatalog;
import dev.ticketing.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each step of each concert is a failure boundary of its own (fast, without storage: the
 * catalogue and the steps are fakes; MaintenanceOnEngineTest has the same on the engine).
 */
class MaintenanceTest {
  private static final String STALLED = "stalled";
  private static final String RUSHING = "rushing";
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
  private final ObjectMapper json = new ObjectMapper();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final JsonLog log = new JsonLog(json, clock, new PrintStream(logged, true, StandardCharsets.UTF_8));
  private final List<String> ran = new ArrayList<>();

  /** A step that records each concert it ran for, and fails for {@code failingFor} as storage that stays throttled would. */
  private MaintenanceStep step(String name, String failingFor) {
    return new MaintenanceStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<String, Long> runFor(String concertId) {
        if (concertId.equals(failingFor)) {
          throw new IllegalStateException("storage unavailable for " + concertId);
        }
        ran.add(name + "@" + concertId);
        return Map.of("done", 1L);
      }
    };
  }

  @Test
  void a_concert_whose_storage_fails_throughout_fails_only_its_own_steps_round_after_round() throws Exception {
    // The stalled concert comes first: before, its failure ended each step for every concert after it.
    Maintenance maintenance = new Maintenance(Set.of(step("queue-round", STALLED), step("release-expired-holds", STALLED)),
        FixedCatalog.of(STALLED, RUSHING).live(clock), log);
    EmittedMetrics emitted = new EmittedMetrics();
    MaintenanceRounds rounds = new MaintenanceRounds(maintenance, clock,
        Settings.fromEnvironment(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "6")), clock::advance,
        emitted.metrics());

    MaintenanceRounds.Outcome outcome = rounds.run();

    assertThat(outcome.rounds()).isEqualTo(3);
    assertThat(ran).as("the other concert had every step of every round").containsExactly(
        "queue-round@rushing", "release-expired-holds@rushing",
        "queue-round@rushing", "release-expired-holds@rushing",
        "queue-round@rushing", "release-expired-holds@rushing");
    assertThat(outcome.failedRounds()).isEqualTo(3);
    assertThat(outcome.lastRound().failures()).containsExactly(
        new Maintenance.Failure("queue-round", Optional.of(STALLED)),
        new Maintenance.Failure("release-expired-holds", Optional.of(STALLED)));
    assertThat(outcome.lastRound().failed()).containsExactly("queue-round", "release-expired-holds");
    assertThat(outcome.lastRound().done()).as("what was done, for the concerts it was done for")
        .containsEntry("queue-round", Map.of("done", 1L)).containsEntry("release-expired-holds", Map.of("done", 1L));

    assertThat(emitted.documents().stream().filter(d -> d.has("Step")).map(d -> d.get("Step").asText()))
        .containsExactly("queue-round", "release-expired-holds", "queue-round", "release-expired-holds",
            "queue-round", "release-expired-holds");
    assertThat(emitted.sum(Metric.MAINTENANCE_STEP_FAILURES, Optional.empty())).isEqualTo(6);
    assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).as("a round with a failed step does not beat")
        .isZero();

    List<JsonNode> lines = new ArrayList<>();
    for (String line : logged.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(json.readTree(line));
    }
    assertThat(lines).hasSize(6).allSatisfy(line -> {
      assertThat(line.get("message").asText()).isEqualTo("maintenance step failed");
      assertThat(line.get("concertId").asText()).isEqualTo(STALLED);
      assertThat(line.get("errorType").asText()).isEqualTo(IllegalStateException.class.getName());
    });
    assertThat(lines).extracting(line -> line.get("step").asText()).containsOnly("queue-round", "release-expired-holds");
  }

  @Test
  void failures_of_several_concerts_count_once_each_by_step() {
    Maintenance maintenance = new Maintenance(Set.of(step("queue-round", STALLED), step("release-expired-holds", RUSHING)),
        FixedCatalog.of(STALLED, RUSHING, "quiet").live(clock), log);
    EmittedMetrics emitted = new EmittedMetrics();
    new MaintenanceRounds(maintenance, clock, Settings.fromEnvironment(Map.of("MAINTENANCE_RUN_SECONDS", "0")),
        clock::advance, emitted.metrics()).run();

    assertThat(ran).containsExactly("queue-round@rushing", "queue-round@quiet",
        "release-expired-holds@stalled", "release-expired-holds@quiet");
    assertThat(emitted.documents().stream().filter(d -> d.has("Step")))
        .extracting(d -> d.get("Step").asText() + "=" + d.get(Metric.MAINTENANCE_STEP_FAILURES.cloudWatchName()).asLong())
        .containsExactly("queue-round=1", "release-expired-holds=1");
  }

  @Test
  void a_catalogue_that_cannot_be_read_fails_every_step_for_no_concert_in_particular() {
    ConcertCatalog unreadable = new ConcertCatalog() {
      @Override
      public Page<Concert> list(PageRequest page) {
        throw new IllegalStateException("storage unavailable");
      }

      @Override
      public List<ConcertLastDate> lastDates() {
        throw new IllegalStateException("storage unavailable");
      }
    };
    Maintenance maintenance = new Maintenance(Set.of(step("queue-round", ""), step("release-expired-holds", "")),
        new LiveConcerts(unreadable, clock, Settings.fromEnvironment(Map.of())), log);

    Maintenance.Round round = maintenance.runAll();

    assertThat(ran).isEmpty();
    assertThat(round.failures()).containsExactly(new Maintenance.Failure("queue-round", Optional.empty()),
        new Maintenance.Failure("release-expired-holds", Optional.empty()));
    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("maintenance step failed").doesNotContain("concertId");
  }

  @Test
  void the_rounds_leave_out_a_concert_once_its_last_holds_ran_out_and_the_spare_hour_passed() {
    Settings settings = Settings.fromEnvironment(Map.of("HOLD_TTL_SECONDS", "300"));
    Duration afterLastDate = settings.holdTtl().plus(LiveConcerts.SPARE);
    FixedCatalog catalog = new FixedCatalog(List.of(
        new ConcertLastDate("ahead", Optional.of(clock.instant().plus(Duration.ofDays(3)))),
        new ConcertLastDate("just-started", Optional.of(clock.instant().minusSeconds(1))),
        new ConcertLastDate("winding-down", Optional.of(clock.instant().minus(afterLastDate).plusMillis(1))),
        new ConcertLastDate("over", Optional.of(clock.instant().minus(afterLastDate))),
        new ConcertLastDate("long-over", Optional.of(clock.instant().minus(Duration.ofDays(400)))),
        new ConcertLastDate("seeded-before-it-was-recorded", Optional.empty())));

    assertThat(new LiveConcerts(catalog, clock, settings).ids())
        .containsExactly("ahead", "just-started", "winding-down", "seeded-before-it-was-recorded");
  }
}
