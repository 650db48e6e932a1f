package dev.ticketing.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scheduled invocations: rounds every ADMISSION_ROUND_SECONDS until MAINTENANCE_RUN_SECONDS after
 * each started, a round only while the invocation has {@link MaintenanceRounds#ROUND_BUDGET} left,
 * and one invocation handing over to the next without a pause. The clock moves only as rounds take
 * time and pause.
 */
class MaintenanceRoundsTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  /** How much later than the one before an invocation may be delivered and still take over in time. */
  private static final Duration LATER_THAN_THE_ONE_BEFORE = Duration.ofSeconds(4);
  private final MutableClock clock = new MutableClock(T0);
  private final List<Instant> roundsAt = new ArrayList<>();
  private final EmittedMetrics emitted = new EmittedMetrics();
  private Duration roundTakes = Duration.ofMillis(300);
  /** A moment the step asks a round for (a pre-queue's cut-off), if any. */
  private Optional<Instant> due = Optional.empty();

  private MaintenanceRounds rounds(Map<String, String> env, boolean failing) {
    MaintenanceStep step = new MaintenanceStep() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public Optional<Instant> roundDueAfter(Instant after) {
        return due.filter(at -> at.isAfter(after));
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
    JsonLog log = new JsonLog(new ObjectMapper(), clock, new PrintStream(OutputStream.nullOutputStream()));
    return new MaintenanceRounds(new Maintenance(Set.of(step), FixedCatalog.of("c-1").live(clock), log), clock,
        Settings.fromEnvironment(env), clock::advance, emitted.metrics());
  }

  @Test
  void rounds_every_two_seconds_until_the_run_is_over() {
    MaintenanceRounds.Outcome outcome = rounds(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "66"), false).run();

    assertThat(outcome.rounds()).isEqualTo(33);
    assertThat(outcome.failedRounds()).isZero();
    assertThat(outcome.lastRound().done()).containsEntry("recording", Map.of("rounds", 33L));
    assertThat(roundsAt.get(0)).isEqualTo(T0);
    for (int i = 1; i < roundsAt.size(); i++) {
      assertThat(Duration.between(roundsAt.get(i - 1), roundsAt.get(i))).isEqualTo(Duration.ofSeconds(2));
    }
    assertThat(roundsAt.get(roundsAt.size() - 1)).as("the last round starts before 66 s are up")
        .isBefore(T0.plusSeconds(66));
  }

  @Test
  void a_cut_off_between_two_marks_gets_a_round_right_at_it_and_the_marks_go_on_from_there() {
    Instant cutOff = T0.plusMillis(5_300);  // between the marks at 4 s and 6 s
    due = Optional.of(cutOff);
    rounds(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "10"), false).run();

    assertThat(roundsAt).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4), cutOff, cutOff.plusSeconds(2),
        cutOff.plusSeconds(4));
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
        new Maintenance(Set.of(), FixedCatalog.of("c-1").live(clock), new JsonLog(new ObjectMapper(), clock,
            new PrintStream(OutputStream.nullOutputStream()))),
        clock, Settings.fromEnvironment(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "10")), pause -> { },
        Metrics.NONE);
    assertThat(stuck.run().rounds()).isEqualTo(5);
  }

  @Test
  void each_round_reports_its_duration_and_lag_and_a_heartbeat_when_every_step_succeeded() {
    Instant scheduledFor = clock.instant().minusMillis(1_500);  // the event waited 1.5 s to be run
    MaintenanceRounds.Outcome outcome = rounds(Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "10"), false)
        .run(Optional.of(scheduledFor), Optional.empty());

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
        .run(Optional.of(clock.instant().minus(Duration.ofHours(3))), Optional.empty());  // a replayed or sample event

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

  @Test
  void a_round_starts_only_with_its_budget_left_before_the_timeout_counted_from_when_it_really_starts() {
    Map<String, String> env = Map.of("ADMISSION_ROUND_SECONDS", "2", "MAINTENANCE_RUN_SECONDS", "66");
    Duration timeLeft = MaintenanceRounds.ROUND_BUDGET.plusSeconds(5);
    MaintenanceRounds.Outcome outcome = rounds(env, false).run(Optional.empty(), Optional.of(timeLeft));

    // Rounds at 0, 2 and 4 s had 35, 33 and 31 s left; at 6 s, 29 s would have been left.
    assertThat(outcome.rounds()).isEqualTo(3);
    assertThat(roundsAt).allSatisfy(start ->
        assertThat(Duration.between(start, T0.plus(timeLeft))).isGreaterThanOrEqualTo(MaintenanceRounds.ROUND_BUDGET));

    // Rounds that overran their 2 s start late: the time left is the one at their real start.
    clock.set(T0);
    roundsAt.clear();
    roundTakes = Duration.ofMillis(3_000);
    Duration moreLeft = MaintenanceRounds.ROUND_BUDGET.plusMillis(8_500);
    assertThat(rounds(env, false).run(Optional.empty(), Optional.of(moreLeft)).rounds())
        .as("rounds at 0, 3 and 6 s; at 9 s, 29.5 s would have been left").isEqualTo(3);
    assertThat(roundsAt).allSatisfy(start ->
        assertThat(Duration.between(start, T0.plus(moreLeft))).isGreaterThanOrEqualTo(MaintenanceRounds.ROUND_BUDGET));
  }

  @Test
  void an_invocation_without_the_time_for_a_round_runs_none() {
    MaintenanceRounds.Outcome outcome = rounds(Map.of("MAINTENANCE_RUN_SECONDS", "66"), false)
        .run(Optional.empty(), Optional.of(MaintenanceRounds.ROUND_BUDGET.minusMillis(1)));

    assertThat(outcome.rounds()).isZero();
    assertThat(outcome.lastRound()).isEqualTo(Maintenance.Round.NONE);
    assertThat(outcome.lastRoundFailed()).isFalse();
    assertThat(roundsAt).isEmpty();
    assertThat(emitted.documents()).as("no round, nothing reported").isEmpty();
  }

  /**
   * As template.yaml deploys it: the schedule's invocations, each delivered a little late and not
   * all equally (up to {@link #LATER_THAN_THE_ONE_BEFORE} later than the one before), each given the
   * function's Timeout. Their rounds together leave no gap longer than ADMISSION_ROUND_SECONDS, and
   * every round starts with its budget left.
   */
  @Test
  void consecutive_invocations_as_deployed_leave_no_pause_between_rounds() {
    FunctionDefinition function = SamTemplate.locate().functions().stream()
        .filter(f -> !f.schedules().isEmpty()).findFirst().orElseThrow();
    Map<String, String> env = new HashMap<>();
    function.environment().forEach((name, value) -> env.put(name, String.valueOf(value)));
    Settings settings = Settings.fromEnvironment(env);
    Duration period = period(function.schedules().get(0).expression());
    roundTakes = Duration.ofMillis(700);

    List<Duration> deliveredAfter = List.of(Duration.ofMillis(400), Duration.ZERO, LATER_THAN_THE_ONE_BEFORE,
        Duration.ofMillis(1_500), Duration.ofMillis(1_500).plus(LATER_THAN_THE_ONE_BEFORE));
    for (int minute = 0; minute < deliveredAfter.size(); minute++) {
      Instant scheduled = T0.plus(period.multipliedBy(minute));
      Instant invoked = scheduled.plus(deliveredAfter.get(minute));
      clock.set(invoked);
      int before = roundsAt.size();
      MaintenanceRounds.Outcome outcome = rounds(env, false).run(Optional.of(scheduled), Optional.of(function.timeout()));

      assertThat(outcome.rounds()).isEqualTo(roundsAt.size() - before).isPositive();
      Instant timeout = invoked.plus(function.timeout());
      assertThat(roundsAt.subList(before, roundsAt.size())).allSatisfy(start ->
          assertThat(Duration.between(start, timeout)).isGreaterThanOrEqualTo(MaintenanceRounds.ROUND_BUDGET));
      assertThat(clock.instant()).as("the invocation ends before its timeout").isBefore(timeout);
    }

    List<Instant> timeline = roundsAt.stream().sorted().toList();
    for (int i = 1; i < timeline.size(); i++) {
      assertThat(Duration.between(timeline.get(i - 1), timeline.get(i))).as("after the round at %s", timeline.get(i - 1))
          .isLessThanOrEqualTo(settings.admissionRound());
    }
    assertThat(timeline.get(timeline.size() - 1)).as("rounds went on through every minute")
        .isAfter(T0.plus(period.multipliedBy(deliveredAfter.size())));
  }

  private static Duration period(String schedule) {
    Matcher rate = Pattern.compile("rate\\((\\d+) minutes?\\)").matcher(schedule);
    assertThat(rate.matches()).as("a schedule of whole minutes: " + schedule).isTrue();
    return Duration.ofMinutes(Long.parseLong(rate.group(1)));
  }
}
