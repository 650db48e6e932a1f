package dev.ticketing.bench.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Who joins when, in virtual milliseconds from the opening: arrivals at rate peak·e^(−t/τ) (a
 * Poisson process, drawn by rescaling unit exponential gaps through the inverse of the expected
 * count peak·τ·(1 − e^(−t/τ))), until {@code lengthTaus}·τ; a share of them join again a little later
 * while their token is live; a share of them poll. Seeded, so a design and its control replay the
 * same users at the same moments.
 */
record RushSchedule(Shape shape, long[] arrivalMillis, List<Join> joins, boolean[] polls) {
  /** The rush's shape: peak joins per second at the opening and its decay time. */
  record Shape(double peakPerSecond, double tauSeconds, double lengthTaus) {
    double expectedUsers() {
      return peakPerSecond * tauSeconds * (1 - Math.exp(-lengthTaus));
    }

    /** The second (from the opening) in which the rate falls to 1% of the peak. */
    long onePercentSecond() {
      return (long) Math.floor(tauSeconds * Math.log(100));
    }
  }

  /** One join request: a user's first, or a repeat of a live token's. */
  record Join(long atMillis, int user, boolean repeat) {}

  static final double REPEAT_SHARE = 0.05;
  static final double POLL_SHARE = 0.01;

  static RushSchedule draw(Shape shape, long seed) {
    Random random = new Random(seed);
    double tau = shape.tauSeconds();
    double total = shape.expectedUsers();
    List<Long> arrivals = new ArrayList<>();
    double cumulative = 0;
    while (true) {
      cumulative += -Math.log(1 - random.nextDouble());
      if (cumulative >= total) {
        break;
      }
      double seconds = -tau * Math.log(1 - cumulative / (shape.peakPerSecond() * tau));
      arrivals.add(Math.round(seconds * 1000));
    }
    int n = arrivals.size();
    long[] at = arrivals.stream().mapToLong(Long::longValue).toArray();
    List<Join> joins = new ArrayList<>(n + n / 10);
    boolean[] polls = new boolean[n];
    for (int user = 0; user < n; user++) {
      joins.add(new Join(at[user], user, false));
      if (random.nextDouble() < REPEAT_SHARE) {
        // A retry after a lost response or a second tab: 0.5 to 6 s later, while the token is live.
        joins.add(new Join(at[user] + 500 + random.nextInt(5500), user, true));
      }
      polls[user] = random.nextDouble() < POLL_SHARE;
    }
    joins.sort(Comparator.comparingLong(Join::atMillis));
    return new RushSchedule(shape, at, joins, polls);
  }

  int users() {
    return arrivalMillis.length;
  }

  /** A user id of 255 characters (the longest the API takes), so items are as large as they get. */
  static String userId(int user) {
    StringBuilder id = new StringBuilder("replay-user-").append(user).append('-');
    while (id.length() < 255) {
      id.append((char) ('a' + id.length() % 26));
    }
    return id.toString();
  }
}
