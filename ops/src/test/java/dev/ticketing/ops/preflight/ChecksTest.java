package dev.ticketing.ops.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.ops.preflight.Facts.Fact;
import dev.ticketing.ops.preflight.Facts.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The checks as pure functions: the boundaries the recorded runs do not reach. */
class ChecksTest {
  private static final SaleCapacity PEAK = new SaleCapacity(1000);

  private static Expected fans(long fans, double rate, boolean given) {
    return new Expected(PEAK, OptionalLong.of(fans), rate, given);
  }

  @Test
  void sign_in_is_ok_within_the_opening_minute_a_warning_within_a_day_and_blocks_beyond() {
    assertThat(Checks.signIn(fans(7200, 120, false))).singleElement()
        .satisfies(v -> assertThat(v.level()).isEqualTo(Verdict.Level.OK));
    Verdict warning = Checks.signIn(fans(7201, 120, false)).get(0);
    assertThat(warning.level()).isEqualTo(Verdict.Level.WARN);
    assertThat(warning.todo()).startsWith("fans must sign in before the opening: ask them to sign in from at least 61 s before it");

    assertThat(Checks.signIn(fans(120L * 86_400, 120, false)).get(0).level()).isEqualTo(Verdict.Level.WARN);
    Verdict blocked = Checks.signIn(fans(120L * 86_400 + 1, 120, false)).get(0);
    assertThat(blocked.level()).isEqualTo(Verdict.Level.BLOCK);
    assertThat(blocked.finding()).contains("longer than 1 day, the most an access token lasts");
    assertThat(blocked.todo()).startsWith("raise the provider's authentication quota to at least 121/s");

    Verdict raised = Checks.signIn(fans(1_000_000, 20_000, true)).get(0);
    assertThat(raised.level()).isEqualTo(Verdict.Level.OK);
    assertThat(raised.finding()).isEqualTo("1,000,000 fans take 50 s to sign in at 20,000/s");
  }

  @Test
  void the_concurrency_quota_must_cover_the_reservation_the_unreserved_minimum_and_the_peak() {
    // 3 + 100 + 25 = 128
    assertThat(Checks.concurrency(facts(OptionalInt.of(3), Fact.of(128), Fact.of(List.of())), PEAK))
        .extracting(Verdict::level).containsExactly(Verdict.Level.OK);
    assertThat(Checks.concurrency(facts(OptionalInt.of(3), Fact.of(127), Fact.of(List.of())), PEAK))
        .extracting(Verdict::level).containsExactly(Verdict.Level.BLOCK);
    assertThat(Checks.concurrency(facts(OptionalInt.of(3), Fact.failed("AccessDeniedException: not allowed"),
        Fact.of(List.of())), PEAK)).singleElement().satisfies(v -> {
          assertThat(v.level()).isEqualTo(Verdict.Level.BLOCK);
          assertThat(v.finding()).startsWith("could not read the account's Lambda concurrency quota (AccessDeniedException");
        });
  }

  @Test
  void alarms_need_one_confirmed_subscription() {
    assertThat(Checks.alarms(facts(OptionalInt.of(3), Fact.of(1000), Fact.of(List.of()))))
        .singleElement().satisfies(v -> {
          assertThat(v.level()).isEqualTo(Verdict.Level.BLOCK);
          assertThat(v.finding()).isEqualTo("the alarm topic has no subscription: no one hears an alarm");
        });
    Subscription pending = new Subscription("PendingConfirmation", "email", "b@example.com");
    Subscription confirmed = new Subscription("arn:aws:sns:ap-northeast-2:123456789012:t:1", "https", "https://page.example.com");
    assertThat(Checks.alarms(facts(OptionalInt.of(3), Fact.of(1000), Fact.of(List.of(pending, confirmed)))))
        .singleElement().satisfies(v -> {
          assertThat(v.level()).isEqualTo(Verdict.Level.OK);
          assertThat(v.finding()).isEqualTo("1 confirmed: https https://page.example.com; 1 still pending confirmation");
        });
  }

  @Test
  void durations_read_at_a_glance() {
    assertThat(Checks.words(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(Checks.words(Duration.ofSeconds(8334))).isEqualTo("2 h 19 min");
    assertThat(Checks.words(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("1 h");
    assertThat(Checks.words(Duration.ofDays(1))).isEqualTo("1 day");
  }

  private static Facts facts(OptionalInt reserved, Fact<Integer> quota, Fact<List<Subscription>> subscriptions) {
    return new Facts("concert-reservation", "ap-northeast-2", List.of(), reserved, quota, Fact.failed("not read"),
        Fact.failed("not read"), Fact.failed("not read"), subscriptions);
  }
}
