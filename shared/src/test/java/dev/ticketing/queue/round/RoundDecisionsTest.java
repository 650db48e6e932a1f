package dev.ticketing.queue.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.queue.QueueCounters;
import dev.ticketing.queue.state.QueueState;
import dev.ticketing.sale.DateSeats;
import dev.ticketing.sale.SaleControl;
import dev.ticketing.sale.SaleNow;
import dev.ticketing.sale.SaleSnapshot;
import dev.ticketing.sale.SaleState;
import dev.ticketing.sale.SaleTerms;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The round's decisions from a snapshot, without storage. */
class RoundDecisionsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String CONCERT = "c";

  @Test
  void the_state_is_recorded_only_where_it_differs() {
    SaleSnapshot open = snapshot(Optional.empty(), SaleState.OPEN, SaleControl.DEFAULT);
    assertThat(RoundDecisions.stateRecords(open, counters(Optional.of(SaleState.OPEN))).any()).isFalse();
    RoundDecisions.StateRecords first = RoundDecisions.stateRecords(open, counters(Optional.empty()));
    assertThat(first).isEqualTo(new RoundDecisions.StateRecords(SaleState.OPEN, true, false));
    // A pause: both copies differ; the counters' is the authoritative one, the concert's a cache.
    SaleSnapshot paused = snapshot(Optional.empty(), SaleState.OPEN, SaleControl.DEFAULT.paused(true));
    assertThat(RoundDecisions.stateRecords(paused, counters(Optional.of(SaleState.OPEN))))
        .isEqualTo(new RoundDecisions.StateRecords(SaleState.PAUSED, true, true));
  }

  @Test
  void a_round_is_due_at_the_cut_off_only_while_the_opening_is_ahead() {
    Instant opening = NOW.plusSeconds(600);
    SaleNow before = snapshot(Optional.of(opening), SaleState.UPCOMING, SaleControl.DEFAULT).forRound(Optional.empty(), 10);
    assertThat(RoundDecisions.cutOff(before)).contains(opening.plusSeconds(1));
    SaleNow after = snapshot(Optional.of(NOW.minusSeconds(5)), SaleState.OPEN, SaleControl.DEFAULT).forRound(Optional.empty(), 10);
    assertThat(RoundDecisions.cutOff(after)).isEmpty();
    assertThat(RoundDecisions.admitsDrawHeadFirst(after, counters(Optional.of(SaleState.OPEN)))).isTrue();
    assertThat(RoundDecisions.admitsDrawHeadFirst(before, counters(Optional.of(SaleState.UPCOMING)))).isFalse();
  }

  @Test
  void admission_wrote_when_it_admitted_activated_or_passed_closed_places() {
    SaleNow open = snapshot(Optional.empty(), SaleState.OPEN, SaleControl.DEFAULT).forRound(Optional.empty(), 10);
    SaleNow closed = snapshot(Optional.empty(), SaleState.OPEN, SaleControl.DEFAULT.closed(true)).forRound(Optional.empty(), 10);
    QueueCounters settled = counters(Optional.of(SaleState.OPEN), 10, 4, 4);
    assertThat(RoundDecisions.admissionWrote(false, settled, open)).isFalse();
    assertThat(RoundDecisions.admissionWrote(true, settled, open)).isTrue();
    assertThat(RoundDecisions.admissionWrote(false, counters(Optional.of(SaleState.OPEN), 10, 4, 3), open)).isTrue();
    assertThat(RoundDecisions.admissionWrote(false, settled, closed)).isTrue();
    assertThat(RoundDecisions.admissionWrote(false, counters(Optional.of(SaleState.CLOSED), 4, 4, 4), closed)).isFalse();
  }

  @Test
  void the_published_state_follows_the_counters_and_the_operators_settings() {
    SaleNow sale = snapshot(Optional.empty(), SaleState.OPEN, SaleControl.DEFAULT.withMaxActive(7)).forRound(Optional.empty(), 10);
    QueueCounters counters = counters(Optional.of(SaleState.OPEN), 10, 4, 4);
    QueueState state = RoundDecisions.published(counters, sale, NOW);
    assertThat(state.version()).isEqualTo(counters.version() + 1);
    assertThat(state.maxActive()).isEqualTo(7);
    assertThat(state.saleState()).isEqualTo(SaleState.OPEN);
    assertThat(RoundDecisions.needsPublishing(state.version(), Optional.of(state.version()))).isFalse();
    assertThat(RoundDecisions.needsPublishing(state.version(), Optional.of(state.version() - 1))).isTrue();
    assertThat(RoundDecisions.needsPublishing(state.version(), Optional.empty())).isTrue();
    // Before any record the state derived now is shown.
    assertThat(RoundDecisions.published(counters(Optional.empty()), sale, NOW).saleState()).isEqualTo(SaleState.OPEN);
  }

  private static SaleSnapshot snapshot(Optional<Instant> opensAt, SaleState recorded, SaleControl control) {
    DateSeats date = new DateSeats("s", LocalDate.of(2026, 12, 24), NOW.plusSeconds(86_400), false, 10, 0, 0);
    return new SaleSnapshot(new SaleTerms(CONCERT, opensAt, Optional.empty(), false, recorded), control, List.of(date), NOW);
  }

  private static QueueCounters counters(Optional<SaleState> state) {
    return counters(state, 0, 0, 0);
  }

  private static QueueCounters counters(Optional<SaleState> state, long placed, long admitted, long activated) {
    return new QueueCounters(CONCERT, placed, Optional.empty(), new TreeMap<>(), 0, admitted, 0, activated, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), state, 0, Optional.empty(), "", 0, 0);
  }
}
