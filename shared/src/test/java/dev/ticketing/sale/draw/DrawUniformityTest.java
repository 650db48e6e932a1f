package dev.ticketing.sale.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The draw's order is uniform: over many draws of the same five receipts, each receipt lands in
 * each place, and each of the 120 orders comes up, as often as chance allows. A chi-square test
 * at significance level 0.001 on each.
 *
 * <p>The seeds are fixed (seed i = SHA-256 of "uniformity-i"), so the test is deterministic: it
 * cannot flake. What it can do is fail for a draw that favours some receipts or some orders,
 * which {@link #the_test_would_see_a_biased_order} shows it does.
 */
class DrawUniformityTest {
  private static final int DRAWS = 12_000;
  private static final List<String> RECEIPTS = List.of(
      "Qm9va2VkIGZpcnN0IHJvdw", "bm90IGEgc2NhbHBlciByZWFs", "AAAAAAAAAAAAAAAAAAAAAA", "zzzzzzzzzzzzzzzzzzzzzz", "x-_-x-_-x-_-x-_-x-_-xx");
  /** chi-square quantile 0.999, (5-1)^2 = 16 degrees of freedom (a 5x5 table with fixed row and column sums). */
  private static final double PLACES_CRITICAL = 39.252;
  /** chi-square quantile 0.999, 5! - 1 = 119 degrees of freedom. */
  private static final double ORDERS_CRITICAL = 172.418;

  @Test
  void every_receipt_lands_in_every_place_equally_often() {
    double statistic = placesStatistic(seed -> drawOrder(seed));
    assertThat(statistic).as("chi-square of receipt x place over %d draws (df 16, alpha 0.001)", DRAWS)
        .isLessThan(PLACES_CRITICAL);
  }

  @Test
  void every_order_of_the_five_comes_up_equally_often() {
    Map<List<String>, Integer> orders = new HashMap<>();
    for (int i = 0; i < DRAWS; i++) {
      orders.merge(drawOrder(seed(i)), 1, Integer::sum);
    }
    assertThat(orders).as("all 120 orders occur").hasSize(120);
    double expected = DRAWS / 120.0;
    double statistic = orders.values().stream().mapToDouble(n -> (n - expected) * (n - expected) / expected).sum();
    assertThat(statistic).as("chi-square of the 120 orders over %d draws (df 119, alpha 0.001)", DRAWS)
        .isLessThan(ORDERS_CRITICAL);
  }

  /** The statistic has power: an order that puts one receipt first more often than chance fails it. */
  @Test
  void the_test_would_see_a_biased_order() {
    // A "draw" that keeps the hmac order but lets the first receipt jump the queue one time in ten.
    double statistic = placesStatistic(seed -> {
      List<String> order = new ArrayList<>(drawOrder(seed));
      if ((seed.bytes()[0] & 0xff) < 26) {
        order.remove(RECEIPTS.get(0));
        order.add(0, RECEIPTS.get(0));
      }
      return order;
    });
    assertThat(statistic).isGreaterThan(PLACES_CRITICAL);
  }

  private static double placesStatistic(Function<DrawSeed, List<String>> draw) {
    int n = RECEIPTS.size();
    long[][] counts = new long[n][n];
    for (int i = 0; i < DRAWS; i++) {
      List<String> order = draw.apply(seed(i));
      for (int place = 0; place < n; place++) {
        counts[RECEIPTS.indexOf(order.get(place))][place]++;
      }
    }
    double expected = (double) DRAWS / n;
    double statistic = 0;
    for (long[] row : counts) {
      for (long observed : row) {
        statistic += (observed - expected) * (observed - expected) / expected;
      }
    }
    return statistic;
  }

  /** The receipts in the order docs/api.md's rule puts them under {@code seed}. */
  private static List<String> drawOrder(DrawSeed seed) {
    return RECEIPTS.stream().map(receipt -> Draw.entry(seed, receipt)).sorted(Draw.ORDER)
        .map(Draw.Entry::receiptId).toList();
  }

  private static DrawSeed seed(int i) {
    try {
      return new DrawSeed(MessageDigest.getInstance("SHA-256").digest(("uniformity-" + i).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
