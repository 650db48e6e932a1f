package dev.ticketing.domain;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The randomness that must differ between function instances: the shard a join writes its token
 * to, the queue-state replica a read picks, and the jitter of polls and retries. Under SnapStart
 * every instance is restored from one snapshot; a generator seeded before it (as
 * {@code ThreadLocalRandom} is, by priming or by class loading) would make every restored
 * instance draw the same numbers, and at the start of a rush every new instance's first join
 * would write to the same shard. So the generator is seeded on its first draw, from
 * {@link SecureRandom}, and {@link #reseed} (called by the functions' SnapStart hooks) drops it,
 * so that each restored instance seeds its own. ArchitectureTest keeps every other generator out
 * of production code.
 *
 * <p>Draws are synchronized on one generator: a draw takes nanoseconds next to the DynamoDB call
 * it decides, and one lock makes a reseed plainly visible to every later draw of every thread
 * (request threads, the FanOut pool), which per-thread generators would each have to notice.
 * Every method of {@link RandomGenerator} (bounded ints, doubles in a range) is derived from
 * {@link #nextLong}, so all of them go through the lock.
 */
public final class InstanceRandom implements RandomGenerator {
  /**
   * Safe to keep in the snapshot, as the token secrets' SecureRandom is: on Linux the JDK's default
   * (NativePRNG) XORs bytes of /dev/urandom into every draw and reads new ones once those it holds
   * are 100 ms old, so a restored instance draws apart from its siblings.
   */
  private static final SecureRandom SEEDS = new SecureRandom();

  /** Null until the first draw after construction or {@link #reseed}; guarded by {@code this}. */
  private SplittableRandom generator;

  /** A source that seeds itself from {@link SecureRandom} on its first draw. */
  public InstanceRandom() {}

  private InstanceRandom(long seed) {
    this.generator = new SplittableRandom(seed);
  }

  /** A source already seeded with {@code seed}, as one built before a snapshot would be (tests). */
  public static InstanceRandom seeded(long seed) {
    return new InstanceRandom(seed);
  }

  /**
   * Forgets the generator: the next draw seeds a new one from {@link SecureRandom}. Called before
   * the snapshot is taken, so it holds no seed, and again after each restore, so nothing drawn in
   * between (by priming or anything else) carries over into the restored instance.
   */
  public synchronized void reseed() {
    generator = null;
  }

  /** Whether a generator was seeded since construction or the last {@link #reseed} (tests of the hooks look). */
  public synchronized boolean seeded() {
    return generator != null;
  }

  @Override
  public synchronized long nextLong() {
    if (generator == null) {
      generator = new SplittableRandom(SEEDS.nextLong());
    }
    return generator.nextLong();
  }
}
