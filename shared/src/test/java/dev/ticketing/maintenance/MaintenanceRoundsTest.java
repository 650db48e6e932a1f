package dev.ticketing.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.config.Settings;
import dev.ticketing.log.JsonLog;
import dev.ticketing.testing.MutableClock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One scheduled invocation: rounds every ADMISSION_ROUND_SECONDS until MAINTENANCE_RUN_SECONDS after it started. */
class MaintenanceRoundsTest {
  private final MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
  private final List<Instant> roundsAt = new ArrayList<>();

  private MaintenanceRounds rounds(Map<String, String> env, boolean failing) {
    MaintenanceStep step = new MaintenanceStep() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public Map<String, Long> run() {
        roundsAt.add(clock.instant());
        clock.advance(Duration.ofMillis(300));  // a round takes time
        if (failing) {
          throw new IllegalStateException("storage unavailable");
        }
        return Map.of("rounds", (long) roundsAt.size());
      }
    };
    JsonLog log = new JsonLog(new com.fasterxml.jackson.databind.ObjectMapper(), clock, new PrintStream(OutputStream.nullOutputStream()));
    return new MaintenanceRounds(new Maintenance(Set.of(step), log), clock, Settings.fromEnvironment(env), clock::advance);
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
        new Maintenance(Set.of(), new JsonLog(new com.fasterxml.jackson.databind.ObjectMapper(), clock,
            new PrintStream(OutputStream.nullOutputStream()))),
        clock, Settings.fromEnvironment(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "10")), pause -> { });
    assertThat(stuck.run().rounds()).isEqualTo(5);
  }
}
