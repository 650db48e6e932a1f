package dev.ticketing.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.log.JsonLog;
import dev.ticketing.metrics.Metric;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.testing.EmittedMetrics;
import dev.ticketing.testing.FixedCatalog;
import dev.ticketing.testing.MutableClock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One scheduled invocation: rounds every ADMISSION_ROUND_SECONDS until MAINTENANCE_RUN_SECONDS after it started. */
class MaintenanceRoundsTest {
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
  private final List<Instant> roundsAt = new ArrayList<>();
  private final EmittedMetrics emitted = new EmittedMetrics();
  private Duration roundTakes = Duration.ofMillis(300);

  private MaintenanceRounds rounds(Map<String, String> env, boolean failing) {
    MaintenanceStep step = new MaintenanceStep() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public Map<String, Long> runFor(String concertId) {
        roundsAt.add(clock.instant());
        clock.advance(roundTakes);  // a round takes time
        if (failing) {
          throw new IllegalStateException("storage unavailable");
        }
        return Map.of("rounds", (long) roundsAt.size());
      }
    };
    JsonLog log = new JsonLog(new com.fasterxml.jackson.databind.ObjectMapper(), clock, new PrintStream(OutputStream.nullOutputStream()));
    return new MaintenanceRounds(new Maintenance(Set.of(step), FixedCatalog.of("c-1").live(clock), log), clock,
        Settings.fromEnvironment(env), clock::advance, emitted.metrics());
  }

  @Test
  void rounds_every_two_seconds_for_fifty_seconds() {
    MaintenanceRounds.Outcome outcome = rounds(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "50"), false).run();

    assertThat(outcome.rounds()).isEqualTo(25);
    assertThat(outcome.failedRounds()).isZero();
    assertThat(outcome.lastRound().done()).containsEntry("recording", Map.of("rounds", 25L));
    assertThat(roundsAt.get(0)).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    for (int i = 1; i < roundsAt.size(); i++) {
      assertThat(Duration.between(roundsAt.get(i - 1), roundsAt.get(i))).isEqualTo(Duration.ofSeconds(2));
    }
    assertThat(roundsAt.get(roundsAt.size() - 1)).as("the last round starts before 50 s are up")
        .isBefore(Instant.parse("2026-11-25T00:00:50Z"));
  }

  @Test
  void zero_seconds_is_one_round_and_failing_rounds_do_not_stop_the_next() {
    assertThat(rounds(Map.of("MAINTENANCE_RUN_SECONDS", "0"), false).run().rounds()).isEqualTo(1);

    roundsAt.clear();
    MaintenanceRounds.Outcome failing = rounds(Map.of("ADMISSION_ROUND_SECONDS", "5", "MAINTENANCE_RUN_SECONDS", "20"), true).run();
    assertThat(failing.rounds()).isEqualTo(4);
    assertThat(failing.failedRounds()).isEqualTo(4);
    assertThat(failing.lastRoundFailed()).isTrue();
    assertThat(failing.lastRound().failed()).containsExactly("recording");
  }

  @Test
  void a_clock_that_stands_still_cannot_keep_it_going() {
    MaintenanceRounds stuck = new MaintenanceRounds(
        new Maintenance(Set.of(), FixedCatalog.of("c-1").live(clock),
            new JsonLog(new com.fasterxml.jackson.databind.ObjectMapper(), clock, new PrintStream(OutputStream.nullOutputStream()))),
        clock, Settings.fromEnvironment(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "10")), pause -> { },
        Metrics.NONE);
    assertThat(stuck.run().rounds()).isEqualTo(5);
  }

  @Test
  void each_round_reports_its_duration_and_lag_and_a_heartbeat_when_every_step_succeeded() {
    Instant scheduledFor = clock.instant().minusMillis(1_500);  // the event waited 1.5 s to be run
    MaintenanceRounds.Outcome outcome = rounds(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "10"), false)
        .run(Optional.of(scheduledFor));

    List<JsonNode> reports = emitted.documents();
    assertThat(reports).hasSize(outcome.rounds()).hasSize(5);
    assertThat(reports).allSatisfy(round -> {
      assertThat(round.get(Metric.MAINTENANCE_ROUND_DURATION.cloudWatchName()).asLong()).isEqualTo(300);
      assertThat(round.get(Metric.MAINTENANCE_HEARTBEAT.cloudWatchName()).asLong()).isEqualTo(1);
    });
    assertThat(reports.get(0).get(Metric.MAINTENANCE_ROUND_LAG.cloudWatchName()).asLong()).isEqualTo(1_500);
    assertThat(reports.subList(1, 5)).as("rounds on time").allSatisfy(round ->
        assertThat(round.get(Metric.MAINTENANCE_ROUND_LAG.cloudWatchName()).asLong()).isZero());
  }

  @Test
  void a_round_that_overruns_makes_the_next_one_late_and_an_old_event_no_lag_at_all() {
    roundTakes = Duration.ofMillis(2_500);
    rounds(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "6"), false)
        .run(Optional.of(clock.instant().minus(Duration.ofHours(3))));  // a replayed or sample event

    List<JsonNode> reports = emitted.documents();
    assertThat(reports).hasSize(3);
    assertThat(reports.get(0).has(Metric.MAINTENANCE_ROUND_LAG.cloudWatchName())).isFalse();
    assertThat(reports.get(1).get(Metric.MAINTENANCE_ROUND_LAG.cloudWatchName()).asLong()).isEqualTo(500);
    assertThat(reports.get(2).get(Metric.MAINTENANCE_ROUND_LAG.cloudWatchName()).asLong()).isEqualTo(500);
  }

  @Test
  void a_failing_round_reports_its_failed_step_and_no_heartbeat() {
    rounds(Map.of("ADMISSION_ROUND_SECONDS", "5", "MAINTENANCE_RUN_SECONDS", "10"), true).run();

    assertThat(emitted.sum(Metric.MAINTENANCE_HEARTBEAT, Optional.empty())).isZero();
    assertThat(emitted.documents().stream().filter(d -> d.has("Step")))
        .hasSize(2)
        .allSatisfy(failure -> {
          assertThat(failure.get("Step").asText()).isEqualTo("recording");
          assertThat(failure.get(Metric.MAINTENANCE_STEP_FAILURES.cloudWatchName()).asLong()).isEqualTo(1);
        });
    assertThat(emitted.sum(Metric.MAINTENANCE_ROUND_DURATION, Optional.empty())).as("failed rounds still report their duration")
        .isEqualTo(600);
  }
}
