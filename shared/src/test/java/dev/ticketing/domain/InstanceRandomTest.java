package dev.ticketing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Instances restored from one SnapStart snapshot must not choose the same shards. A source built
 * with a fixed seed stands for what the snapshot holds: every instance restored from it would draw
 * exactly what it draws, until the restore hook ({@link InstanceRandom#reseed}) makes each seed its
 * own from SecureRandom.
 */
class InstanceRandomTest {
  /** QUEUE_JOIN_SHARDS' scale; 32 choices of 16 coincide by chance once in 16^32. */
  private static final int SHARDS = 16;
  private static final int JOINS = 32;

  @Test
  void each_restore_hook_call_gives_the_source_new_shard_choices() {
    InstanceRandom random = InstanceRandom.seeded(42);

    List<Integer> snapshotted = shards(random);
    random.reseed();
    List<Integer> afterFirstRestore = shards(random);
    random.reseed();
    List<Integer> afterSecondRestore = shards(random);

    assertThat(snapshotted).isNotEqualTo(afterFirstRestore).isNotEqualTo(afterSecondRestore);
    assertThat(afterFirstRestore).isNotEqualTo(afterSecondRestore);
  }

  @Test
  void two_instances_restored_from_one_snapshot_diverge_once_their_hooks_ran() {
    InstanceRandom one = InstanceRandom.seeded(42);
    InstanceRandom other = InstanceRandom.seeded(42);
    // What the rush would meet without the hook: the same shards, join for join.
    assertThat(shards(one)).isEqualTo(shards(other));

    one.reseed();
    other.reseed();

    assertThat(shards(one)).isNotEqualTo(shards(other));
  }

  @Test
  void fresh_sources_seed_themselves_apart_on_first_use() {
    InstanceRandom one = new InstanceRandom();
    InstanceRandom other = new InstanceRandom();
    assertThat(one.seeded()).isFalse();

    assertThat(shards(one)).isNotEqualTo(shards(other));
    assertThat(one.seeded()).isTrue();
  }

  private static List<Integer> shards(InstanceRandom random) {
    return IntStream.range(0, JOINS).mapToObj(join -> random.nextInt(SHARDS)).toList();
  }
}
