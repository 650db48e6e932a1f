package dev.ticketing.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one derivation of a sale's state, without storage: the precedence CLOSED, PAUSED, UPCOMING, SOLD_OUT, OPEN. */
class SaleSnapshotTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(3600);

  @Test
  void an_open_sale_with_seats_left_is_open() {
    assertThat(snapshot(SaleControl.DEFAULT, Optional.of(NOW), date(false, 3, 0, 0)).state()).isEqualTo(SaleState.OPEN);
    assertThat(snapshot(SaleControl.DEFAULT, Optional.empty(), date(false, 3, 0, 0)).state()).isEqualTo(SaleState.OPEN);
  }

  @Test
  void before_its_opening_it_is_upcoming_unless_paused_or_closed() {
    assertThat(snapshot(SaleControl.DEFAULT, Optional.of(LATER), date(false, 3, 0, 0)).state()).isEqualTo(SaleState.UPCOMING);
    assertThat(snapshot(SaleControl.DEFAULT.paused(true), Optional.of(LATER), date(false, 3, 0, 0)).state())
        .isEqualTo(SaleState.PAUSED);
    assertThat(snapshot(SaleControl.DEFAULT.paused(true).closed(true), Optional.of(LATER), date(false, 3, 0, 0)).state())
        .isEqualTo(SaleState.CLOSED);
  }

  @Test
  void seats_all_held_make_it_sold_out_and_all_sold_close_it() {
    assertThat(snapshot(SaleControl.DEFAULT, Optional.of(NOW), date(false, 0, 2, 48)).state()).isEqualTo(SaleState.SOLD_OUT);
    assertThat(snapshot(SaleControl.DEFAULT, Optional.of(NOW), date(false, 0, 0, 50)).state()).isEqualTo(SaleState.CLOSED);
    // A pause does not hide that the sale is over.
    assertThat(snapshot(SaleControl.DEFAULT.paused(true), Optional.of(NOW), date(false, 0, 0, 50)).state())
        .isEqualTo(SaleState.CLOSED);
  }

  @Test
  void only_dates_yet_to_start_count() {
    // The started date's free seats cannot be sold: the one ahead is all sold.
    SaleSnapshot sale = snapshot(SaleControl.DEFAULT, Optional.of(NOW), date(true, 40, 0, 10), date(false, 0, 0, 50));
    assertThat(sale.seats()).isEqualTo(new SeatSummary(1, 0, 0, 50));
    assertThat(sale.state()).isEqualTo(SaleState.CLOSED);
    assertThat(snapshot(SaleControl.DEFAULT, Optional.of(NOW), date(true, 40, 0, 10)).state()).isEqualTo(SaleState.CLOSED);
  }

  @Test
  void a_round_acts_on_the_operators_limit_or_the_default() {
    SaleSnapshot sale = snapshot(SaleControl.DEFAULT.withMaxActive(7), Optional.of(LATER), date(false, 3, 0, 0));
    SaleNow now = sale.forRound(Optional.empty(), 100);
    assertThat(now.maxActive()).isEqualTo(7);
    assertThat(now.beforeOpening()).isTrue();
    assertThat(now.controlVersion()).isEqualTo(1);
    assertThat(snapshot(SaleControl.DEFAULT, Optional.empty(), date(false, 3, 0, 0)).forRound(Optional.empty(), 100).maxActive())
        .isEqualTo(100);
  }

  private static SaleSnapshot snapshot(SaleControl control, Optional<Instant> opensAt, DateSeats... dates) {
    return new SaleSnapshot(new SaleTerms("c", opensAt, Optional.empty(), false, SaleState.OPEN), control, List.of(dates), NOW);
  }

  private static DateSeats date(boolean started, long available, long held, long sold) {
    return new DateSeats("s", LocalDate.of(2026, 12, 24), NOW.plusSeconds(started ? -60 : 86_400), started, available, held, sold);
  }
}
