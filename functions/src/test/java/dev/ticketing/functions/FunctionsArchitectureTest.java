package dev.ticketing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ticketing.architecture.RandomnessRule;
import org.junit.jupiter.api.Test;

/** The handlers and their priming draw randomness only from the graph's source, as shared's code does. */
class FunctionsArchitectureTest {
  private static final JavaClasses FUNCTIONS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.ticketing.functions");

  @Test
  void randomness_comes_from_the_instance_source() {
    assertThat(FUNCTIONS.containPackage("dev.ticketing.functions.priming")).isTrue();
    RandomnessRule.ONE_SOURCE.check(FUNCTIONS);
  }
}
