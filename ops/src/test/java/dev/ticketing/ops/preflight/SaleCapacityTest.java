package dev.ticketing.ops.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code preflight}'s figures are the README's: its "Capacity for a real sale" states them for a
 * peak of 100,000 joins a second, and they are computed here from {@link SaleCapacity}'s. A change
 * to either without the other fails here.
 */
class SaleCapacityTest {
  private static final SaleCapacity RUSH = new SaleCapacity(100_000);

  @Test
  void the_readme_states_the_figures_preflight_checks_against() throws Exception {
    String readme = Files.readString(ProjectFiles.findUpwards(Path.of("README.md")).orElseThrow());
    String capacity = readme.substring(readme.indexOf("## Capacity for a real sale"), readme.indexOf("## Deploying to AWS"));

    assertThat(capacity).contains(
        "100,000 joins a second",
        "a\njoin: 3 requests, 1 read and " + SaleCapacity.WRITE_UNITS_PER_JOIN + " write units",
        "gsi2 entry " + SaleCapacity.INDEX_WRITE_UNITS_PER_JOIN,
        "about " + thousands(RUSH.tableWriteUnits()) + " write units/s (joins: " + SaleCapacity.WRITE_UNITS_PER_JOIN + " each",
        "and " + thousands(RUSH.tableReadUnits()) + " read units/s at the peak",
        "gsi2 takes one write per join",
        "up to " + thousands(RUSH.apiRequests()) + " requests/s in the busiest second",
        "joins 100,000/s × about " + SaleCapacity.JOIN_MILLIS + " ms and polls " + thousands(RUSH.pollRequests())
            + "/s × about " + SaleCapacity.POLL_MILLIS + " ms: some " + thousands(RUSH.concurrency()) + " at once");
    assertThat(readme).contains("Lambda keeps at least " + SaleCapacity.UNRESERVED_MINIMUM + " of it unreserved");
  }

  @Test
  void a_peak_scales_every_figure_and_rounds_up() {
    SaleCapacity small = new SaleCapacity(3);
    assertThat(small.pollRequests()).isEqualTo(5);
    assertThat(small.apiRequests()).isEqualTo(8);
    assertThat(small.tableWriteUnits()).isEqualTo(9);
    assertThat(small.tableReadUnits()).isEqualTo(5);
    assertThat(small.indexWriteUnits()).isEqualTo(3);
    assertThat(small.concurrency()).as("3 × 16 ms + 5 × 6 ms = 78 ms of work a second").isEqualTo(1);
  }

  private static String thousands(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
