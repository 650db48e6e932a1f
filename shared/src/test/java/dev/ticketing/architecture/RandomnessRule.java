package dev.ticketing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.domain.InstanceRandom;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Shards, replicas and jitter must differ between function instances restored from one SnapStart
 * snapshot, so production code draws them from the graph's {@link InstanceRandom}, which the
 * functions' hooks reseed. Every other generator of the JDK is seeded when its class loads or when
 * it is built, which can be before the snapshot: {@code ThreadLocalRandom}, {@code Random} (as a
 * type or built), {@code SplittableRandom}, the generators {@code RandomGenerator.of} and
 * {@code getDefault} make, {@code Math.random} and {@code Collections.shuffle} without a
 * generator. {@code SecureRandom} (token secrets, ids) stays allowed: it extends {@code Random}
 * but is a class of its own here, and reads the system's entropy on every draw. Checked on
 * shared's production classes by {@link ArchitectureTest} and on the functions' by their own test.
 */
public final class RandomnessRule {
  public static final ArchRule ONE_SOURCE = noClasses().that().doNotBelongToAnyOf(InstanceRandom.class)
      .should().dependOnClassesThat().belongToAnyOf(ThreadLocalRandom.class, Random.class, SplittableRandom.class,
          RandomGeneratorFactory.class)
      .orShould().callMethod(Math.class, "random")
      .orShould().callMethod(StrictMath.class, "random")
      .orShould().callMethod(RandomGenerator.class, "getDefault")
      .orShould().callMethod(RandomGenerator.class, "of", String.class)
      .orShould().callMethod(Collections.class, "shuffle", List.class)
      .because("a generator seeded before the SnapStart snapshot draws the same numbers in every restored instance;"
          + " shards, replicas and jitter come from InstanceRandom");

  private RandomnessRule() {}
}
