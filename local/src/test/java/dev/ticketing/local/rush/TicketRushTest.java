package dev.ticketing.local.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ticket rush ({@link TicketRush}) through the local runtime: a small one in every test run,
 * the full one (2,000 users) tagged {@code long}. Either must end with every user finished, no
 * unexpected response and no invariant violated: no seat sold twice, SOLD seats = payments, money
 * conserved per user and in total, never more than QUEUE_MAX_ACTIVE users active.
 */
@ExtendWith(DynamoDbExtension.class)
class TicketRushTest {

  @Test
  void a_small_rush_sells_each_seat_once_conserves_money_and_keeps_to_the_admission_limit(TestTable table) {
    RushReport report = TicketRush.run(RushConfig.small(), table.endpoint(), table.name(), System.out);

    assertThat(report.problems()).as("problems of the rush").isEmpty();
    assertThat(report.outcome(Shopper.Outcome.BOUGHT)).as("users who bought").isPositive();
    assertThat(report.audit().payments()).isEqualTo(report.count("POST /payments", 201));
    assertThat(report.maxActive()).as("ACTIVE users sampled").isPositive().isLessThanOrEqualTo(report.config().maxActive());
    assertThat(report.activeSamples()).as("samples of the ACTIVE count").isGreaterThan(10);
  }

  @Test
  @Tag("long")
  void a_full_rush_sells_each_seat_once_conserves_money_and_keeps_to_the_admission_limit(TestTable table) {
    RushReport report = TicketRush.run(RushConfig.full().overriddenBy(System::getProperty), table.endpoint(), table.name(),
        System.out);

    assertThat(report.problems()).as("problems of the rush").isEmpty();
    assertThat(report.outcome(Shopper.Outcome.BOUGHT)).as("users who bought").isPositive();
    assertThat(report.maxActive()).as("ACTIVE users sampled").isPositive().isLessThanOrEqualTo(report.config().maxActive());
  }
}
