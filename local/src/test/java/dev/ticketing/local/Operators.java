package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.ops.OpsMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operators' command line ({@code concert-ops.jar}) as an operator runs it against a test's table. */
final class Operators {
  private Operators() {}

  /** {@code concert-ops.jar ARGS --table NAME}, through {@code DYNAMODB_ENDPOINT}; its output. It must succeed. */
  static String ops(TestTable table, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--table", table.name()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = OpsMain.run(all.toArray(String[]::new), Map.of("DYNAMODB_ENDPOINT", table.endpoint().toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(all + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
