package dev.ticketing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure docs/design.md asks for, checked on shared's production classes (Dagger's
 * generated ones included): no cycles between top-level packages, features depending only on
 * the ones below them ({@code sale <- catalog <- queue <- reservation <- payment -> wallet}), only the
 * edge knowing HTTP, in its types and in its words (no header, status or flag below it), the SDK
 * kept to the storage and the adapters, the clock read to the millisecond, and randomness drawn
 * from the one source SnapStart's hooks reseed.
 */
class ArchitectureTest {
  private static final String[] FEATURES = {"sale", "catalog", "queue", "reservation", "payment", "wallet"};
  private static final JavaClasses SHARED = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .withImportOption(location -> !location.contains("/dev/ticketing/engine/"))
      .importPackages("dev.ticketing");

  @Test
  void the_rules_see_every_feature_and_its_adapters() {
    for (String feature : FEATURES) {
      assertThat(SHARED.containPackage("dev.ticketing." + feature)).as(feature).isTrue();
      assertThat(SHARED.containPackage("dev.ticketing." + feature + ".dynamo")).as(feature + ".dynamo").isTrue();
    }
  }

  @Test
  void top_level_packages_are_free_of_cycles() {
    slices().matching("dev.ticketing.(*)..").should().beFreeOfCycles().check(SHARED);
  }

  /**
   * The queue by concern: its values at the root, then state (what polls read) below join, gate,
   * placement and admission, and the round above them all; the adapters in {@code dynamo}.
   */
  @Test
  void the_queue_is_split_by_concern_without_cycles() {
    for (String concern : new String[] {"join", "placement", "admission", "gate", "state", "round"}) {
      assertThat(SHARED.containPackage("dev.ticketing.queue." + concern)).as(concern).isTrue();
    }
    slices().matching("dev.ticketing.queue.(*)..").should().beFreeOfCycles().check(SHARED);
    slices().matching("dev.ticketing.sale.(*)..").should().beFreeOfCycles().check(SHARED);
    noClasses().that().resideInAPackage("dev.ticketing.queue.state..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.ticketing.queue.join..", "dev.ticketing.queue.placement..",
            "dev.ticketing.queue.admission..", "dev.ticketing.queue.gate..", "dev.ticketing.queue.round..")
        .check(SHARED);
    noClasses().that().resideInAPackage("dev.ticketing.queue")
        .should().dependOnClassesThat().resideInAnyPackage("dev.ticketing.queue.(*)..")
        .as("the queue's root values depend on none of its concerns")
        .check(SHARED);
  }

  @Test
  void features_depend_only_on_the_features_below_them() {
    notOn("sale", "catalog", "queue", "reservation", "payment", "wallet");
    notOn("catalog", "queue", "reservation", "payment", "wallet");
    notOn("queue", "reservation", "payment", "wallet");
    notOn("reservation", "payment", "wallet");
    notOn("wallet", "catalog", "sale", "queue", "reservation", "payment");
  }

  @Test
  void only_the_edge_knows_http() {
    noClasses().that().resideOutsideOfPackages("dev.ticketing.http..", "dev.ticketing.wiring..",
            "dev.ticketing.functions..", "dev.ticketing.local..")
        .should().dependOnClassesThat().resideInAPackage("dev.ticketing.http..")
        .check(SHARED);
  }

  @Test
  void the_sdk_stays_in_storage_and_the_dynamodb_adapters() {
    noClasses().that().resideOutsideOfPackages("..dynamo..", "dev.ticketing.storage..", "dev.ticketing.wiring..",
            "dev.ticketing.log..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .check(SHARED);
  }

  @Test
  void dynamodb_adapters_are_package_private() {
    classes().that().resideInAPackage("..dynamo..").and().haveSimpleNameStartingWith("Dynamo")
        .and().haveSimpleNameNotEndingWith("Module").and().haveSimpleNameNotEndingWith("_Factory")
        .should().notBePublic().check(SHARED);
  }

  /** An instant read finer than storage keeps it would show one value in a 201 and another when read back. */
  @Test
  void features_read_the_clock_only_to_the_millisecond() {
    String[] features = java.util.Arrays.stream(FEATURES).map(f -> "dev.ticketing." + f + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(features)
        .should().callMethod(java.time.Clock.class, "instant")
        .because("features read the clock through domain.Instants.now, at the precision items keep")
        .check(SHARED);
  }

  /** The rule and its reasons: {@link RandomnessRule}. */
  @Test
  void randomness_comes_from_the_instance_source() {
    RandomnessRule.ONE_SOURCE.check(SHARED);
  }

  /** The rule and why: {@link TransportWordsRule}. */
  @Test
  void below_the_edge_no_string_names_a_header_a_status_or_a_flag() {
    TransportWordsRule.DOMAIN_WORDS.check(SHARED);
  }

  /** The words rule judges what it should: each kind of transport word caught, the domain's own words let be. */
  @Test
  void the_words_rule_tells_transport_words_from_the_domain_s() {
    for (String transport : java.util.List.of("send the X-Queue-Token of your turn", "this Idempotency-Key was used",
        "x-user-id", "Authorization", "set --max-active \u0001", "--concert", "close (--yes)", "409", "401 TOKEN_INVALID",
        "answers 409 Conflict", "HTTP 503", "status 400", "a 4xx", "Bad Request", "Not Found")) {
      assertThat(TransportWordsRule.transportWordIn(transport)).as(transport).isNotNull();
    }
    for (String domain : java.util.List.of("a queue token is required", "this idempotency key was used for another charge",
        "set max active \u0001", "set sale opens at \u0001", "SHA-256", "must be 1-128 printable ASCII characters",
        "the queue of \u0001 has 409 waiting", "concert \u0001 has no date \u0002", "TransactionConflict",
        "still waiting in the queue", "a--b")) {
      assertThat(TransportWordsRule.transportWordIn(domain)).as(domain).isNull();
    }
  }

  /** The rule reads what the compiler wrote: literals and the recipes of concatenations alike. */
  @Test
  void the_words_rule_reads_literals_and_concatenations_from_class_files() throws Exception {
    byte[] classFile;
    try (var in = ArchitectureTest.class.getResourceAsStream("ArchitectureTest$Sample.class")) {
      classFile = in.readAllBytes();
    }
    assertThat(TransportWordsRule.stringConstants(classFile))
        .contains("a literal", "long 9 and double 2.5, then a concatenation: \u0001");
    assertThat(SHARED.get(dev.ticketing.queue.gate.QueueGate.class).getSource()).as("the rule reads shared's class files").isPresent();
  }

  @SuppressWarnings("unused")
  private static final class Sample {
    private static final long LONG = 9L;
    private static final double DOUBLE = 2.5;

    static String sample(int n) {
      return n == 0 ? "a literal" : "long " + LONG + " and double " + DOUBLE + ", then a concatenation: " + n;
    }
  }

  private static void notOn(String feature, String... above) {
    String[] packages = java.util.Arrays.stream(above).map(f -> "dev.ticketing." + f + "..").toArray(String[]::new);
    noClasses().that().resideInAPackage("dev.ticketing." + feature + "..")
        .should().dependOnClassesThat().resideInAnyPackage(packages)
        .as(feature + " depends on none of " + String.join(", ", above))
        .check(SHARED);
  }
}
