package dev.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order and ticket settings are read with their defaults and refused, by name, when they cannot work together. */
class SettingsTest {

  @Test
  void orders_of_four_and_four_tickets_per_user_by_default() {
    Settings settings = Settings.fromEnvironment(Map.of());
    assertThat(settings.maxSeatsPerOrder()).isEqualTo(4);
    assertThat(settings.maxTicketsPerUser()).isEqualTo(4);
    assertThat(Settings.fromEnvironment(Map.of("MAX_SEATS_PER_ORDER", "2", "MAX_TICKETS_PER_USER", "6")).maxTicketsPerUser())
        .isEqualTo(6);
  }

  @Test
  void a_limit_below_one_order_or_orders_past_a_transaction_are_refused_at_start() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_SEATS_PER_ORDER", "4", "MAX_TICKETS_PER_USER", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MAX_TICKETS_PER_USER (3)").hasMessageContaining("MAX_SEATS_PER_ORDER (4)");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_SEATS_PER_ORDER", "51", "MAX_TICKETS_PER_USER", "60")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 50");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_SEATS_PER_ORDER", "50", "MAX_TICKETS_PER_USER", "49")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_TICKETS_PER_USER (49)");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_SEATS_PER_ORDER", "50", "MAX_TICKETS_PER_USER", "50")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one transaction");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_SEATS_PER_ORDER", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_SEATS_PER_ORDER must be a positive integer");
  }
}
