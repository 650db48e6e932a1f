package dev.ticketing.bench.rush;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The traffic of one rush, simulated user by user (deterministic, seeded): {@code users} join in
 * the first minute, most of them in the first seconds (an arrival rate falling exponentially from
 * its peak); maintenance places and admits them in rounds; admitted users buy or leave; the sale
 * ends when the last seat is sold. Every waiting user polls until admitted or told the sale has
 * ended: every second (the web app before {@code pollAfterSeconds}) or when {@code pollAfterSeconds} says (docs/api.md:
 * unplaced 2; position <= maxActive 2; else ceil(estimatedWait / 10) clamped to 5-60; both times a
 * uniform 0.8-1.2, rounded, clamped to 1-60; estimatedWait from the measured admission rate, or from
 * capacity before one is measured).
 */
final class RushScenario {
  /** The crowd and the sale. Seats per order are 1-4, weighted by {@code seatWeights}. */
  record Crowd(long users, int seats, double peakJoinsPerSecond, double arrivalDecaySeconds, int maxActive, int activeTtlSeconds,
      int graceSeconds, double buyerShare, int thinkMinSeconds, int thinkMaxSeconds, double[] seatWeights, long seed) {
    static Crowd standard() {
      // A million users in the first minute, 100,000 joins/s at the peak (docs/design.md, "The queue at scale"), 250 seats.
      return new Crowd(1_000_000, 250, 100_000, 10, 100, 600, 120, 0.8, 45, 180, new double[] {0.3, 0.4, 0.15, 0.15}, 42);
    }
  }

  /** How the queue admits and how its clients poll. */
  record Queue(int admissionRoundSeconds, double firstRoundAfterSeconds, double placementDelaySeconds, boolean serverPacedPolls) {}

  /** What the rush amounted to. */
  record Traffic(double saleSeconds, long users, long admitted, long buyers, long seatsSold, long polls, long peakPollsPerSecond,
      long rounds) {
    double pollsPerUser() {
      return (double) polls / users;
    }
  }

  private RushScenario() {}

  static Traffic simulate(Crowd crowd, Queue queue) {
    int n = (int) crowd.users();
    double[] arrival = arrivals(crowd);
    // Phase 1: admission, purchases and the end of the sale (polls do not change them).
    double[] admittedAt = new double[n];
    java.util.Arrays.fill(admittedAt, Double.POSITIVE_INFINITY);
    SplittableRandom fate = new SplittableRandom(crowd.seed());
    PriorityQueue<double[]> sessions = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));  // end time, seats bought
    int active = 0;
    int seatsLeft = crowd.seats();
    int next = 0;  // next user in place order
    long buyers = 0;
    long rounds = 0;
    double saleEnd = Double.POSITIVE_INFINITY;
    double firstAdmission = Double.NaN;
    double limit = 6 * 3600;
    int[] admittedBySecond = new int[(int) limit + 2];
    for (double t = queue.firstRoundAfterSeconds(); t < limit && saleEnd == Double.POSITIVE_INFINITY; t += queue.admissionRoundSeconds()) {
      rounds++;
      while (!sessions.isEmpty() && sessions.peek()[0] <= t) {
        double[] ended = sessions.poll();
        active--;
        if (ended[1] > 0) {
          seatsLeft -= (int) Math.min(seatsLeft, ended[1]);
          if (seatsLeft == 0) {
            saleEnd = ended[0];
            break;
          }
        }
      }
      if (saleEnd != Double.POSITIVE_INFINITY) {
        break;
      }
      while (active < crowd.maxActive() && next < n && arrival[next] + queue.placementDelaySeconds() <= t) {
        admittedAt[next++] = t;
        active++;
        if (Double.isNaN(firstAdmission)) {
          firstAdmission = t;
        }
        admittedBySecond[(int) t]++;
        if (fate.nextDouble() < crowd.buyerShare()) {
          buyers++;
          double think = crowd.thinkMinSeconds() + fate.nextDouble() * (crowd.thinkMaxSeconds() - crowd.thinkMinSeconds());
          sessions.add(new double[] {t + think, seats(crowd, fate)});
        } else {
          sessions.add(new double[] {t + crowd.graceSeconds(), 0});  // never used the turn: freed after the grace
        }
      }
      if (next == n && sessions.isEmpty()) {
        break;
      }
    }
    double end = Math.min(saleEnd, limit);
    int[] cumulative = new int[admittedBySecond.length];
    for (int s = 0, sum = 0; s < cumulative.length; s++) {
      sum += admittedBySecond[s];
      cumulative[s] = sum;
    }
    // Phase 2: every user's polls until admitted or told the sale is over.
    long[] pollsPerSecond = new long[(int) end + 70];
    long[] everySecondPollers = new long[pollsPerSecond.length + 1];  // difference array of the 1 s pollers
    long polls = 0;
    SplittableRandom jitter = new SplittableRandom(crowd.seed() + 1);
    for (int i = 0; i < n; i++) {
      double until = Math.min(admittedAt[i], end);
      if (!queue.serverPacedPolls()) {
        long count = Math.max(1, (long) Math.ceil(until - arrival[i]));
        polls += count;
        int first = (int) Math.min(pollsPerSecond.length - 1, Math.floor(arrival[i]) + 1);
        everySecondPollers[first]++;
        everySecondPollers[(int) Math.min(pollsPerSecond.length, first + count)]--;
        continue;
      }
      double t = arrival[i] + 2;  // the join answers position null, pollAfterSeconds 2
      while (true) {
        polls++;
        pollsPerSecond[(int) Math.min(pollsPerSecond.length - 1, t)]++;
        if (t >= until) {
          break;
        }
        t += pollAfter(crowd, queue, i + 1, arrival[i], t, cumulative, firstAdmission, jitter);
      }
    }
    long peak = 0;
    long polling = 0;
    for (int second = 0; second < pollsPerSecond.length; second++) {
      polling += everySecondPollers[second];
      peak = Math.max(peak, pollsPerSecond[second] + polling);
    }
    long admitted = 0;
    for (double a : admittedAt) {
      admitted += a <= end ? 1 : 0;
    }
    return new Traffic(end, n, admitted, buyers, crowd.seats() - seatsLeft, polls, peak, rounds);
  }

  private static double pollAfter(Crowd crowd, Queue queue, long place, double arrival, double t, int[] admittedBy,
      double firstAdmission, SplittableRandom jitter) {
    if (t < arrival + queue.placementDelaySeconds() + queue.admissionRoundSeconds()) {
      return 2;  // no place yet
    }
    int second = (int) Math.min(admittedBy.length - 1, t);
    long position = Math.max(1, place - admittedBy[second]);
    double base;
    if (position <= crowd.maxActive()) {
      base = 2;
    } else {
      double waitSeconds;
      boolean measured = !Double.isNaN(firstAdmission) && t - firstAdmission >= 2 * queue.admissionRoundSeconds();
      if (measured) {
        double rate = admittedBy[second] / (t - firstAdmission);
        waitSeconds = Math.ceil(position / rate);
      } else {
        waitSeconds = Math.ceil((double) position * crowd.activeTtlSeconds() / crowd.maxActive());
      }
      base = Math.min(60, Math.max(5, Math.ceil(waitSeconds / 10)));
    }
    return Math.min(60, Math.max(1, Math.round(base * (0.8 + 0.4 * jitter.nextDouble()))));
  }

  private static int seats(Crowd crowd, SplittableRandom fate) {
    double pick = fate.nextDouble() * java.util.Arrays.stream(crowd.seatWeights()).sum();
    for (int s = 0; s < crowd.seatWeights().length; s++) {
      pick -= crowd.seatWeights()[s];
      if (pick < 0) {
        return s + 1;
      }
    }
    return crowd.seatWeights().length;
  }

  /** Arrival times in place order: per second, peak x e^(-t / decay) over the first minute, scaled to {@code users}. */
  private static double[] arrivals(Crowd crowd) {
    double[] weight = new double[60];
    double total = 0;
    for (int s = 0; s < 60; s++) {
      weight[s] = crowd.peakJoinsPerSecond() * Math.exp(-s / crowd.arrivalDecaySeconds());
      total += weight[s];
    }
    double[] arrival = new double[(int) crowd.users()];
    int i = 0;
    double carried = 0;
    for (int s = 0; s < 60 && i < arrival.length; s++) {
      carried += weight[s] / total * crowd.users();
      int inSecond = (int) Math.floor(carried) - i;
      if (s == 59) {
        inSecond = arrival.length - i;
      }
      for (int k = 0; k < inSecond && i < arrival.length; k++) {
        arrival[i++] = s + (double) k / inSecond;
      }
    }
    return arrival;
  }
}
