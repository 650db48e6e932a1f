package dev.ticketing.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.SmallCatalog;
import dev.ticketing.testing.TableSnapshot;
import dev.ticketing.testing.TestComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code java -jar concert-ops.jar ...} through the jar's own entry ({@link OpsMain#run})
 * against a real engine, as an operator runs it with {@code DYNAMODB_ENDPOINT}: a sale run end to
 * end, what each answer says, and bad arguments that exit 2 and leave the table as it was.
 */
@ExtendWith(DynamoDbExtension.class)
class OpsCommandTest {
  private static final String CONCERT = "winter-gala";

  record Run(int exit, String out, String err) {}

  @Test
  void a_sale_run_from_the_command_line_status_limit_pause_resume_close_audit(TestTable table) throws Exception {
    TestComponent app = seeded(table);
    app.queueRound().run(CONCERT);

    Run status = ops(table, "status", "--concert", CONCERT);
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("sale state   OPEN\n", "opens at     open since it was created",
        "operators    not paused, not closed", "max active   QUEUE_MAX_ACTIVE (no operator set one); the last round applied 100",
        "queue        0 waiting, 0 active, admission rate not measured yet");
    assertThat(status.out().lines().filter(line -> line.startsWith(CONCERT + "-")))
        .as("one line per date, every seat AVAILABLE").hasSize(5)
        .allSatisfy(line -> assertThat(line).matches(CONCERT + "-\\d +\\S+ +50 +0 +0"));

    Run limit = ops(table, "set", "--max-active", "2", "--concert", CONCERT, "--operator", "alice");
    assertThat(limit.exit()).isZero();
    assertThat(limit.out()).startsWith("set max active 2 of winter-gala by alice at ")
        .contains("  before: paused=false closed=false maxActive=default saleOpensAt=none\n",
            "  after:  paused=false closed=false maxActive=2 saleOpensAt=none\n", "within one maintenance round");
    assertThat(limit.err()).as("no AWS identity against a local engine, and no warning").isEmpty();

    assertThat(ops(table, "pause", "--concert", CONCERT, "--operator", "alice").exit()).isZero();
    assertThat(ops(table, "status", "--concert", CONCERT).out())
        .contains("sale state   PAUSED (the last round recorded OPEN; the next applies it)", "max active   2 (set by an operator)");
    app.queueRound().run(CONCERT);
    assertThat(ops(table, "status", "--concert", CONCERT).out())
        .contains("sale state   PAUSED\n", "operators    paused, not closed", "the last round applied 2");

    Run again = ops(table, "pause", "--concert", CONCERT, "--operator", "bob");
    assertThat(again.exit()).as("already so is not a failure").isZero();
    assertThat(again.out()).isEqualTo("nothing to do: the sale is already paused (nothing written, nothing audited)\n");

    assertThat(ops(table, "resume", "--concert", CONCERT, "--operator", "bob").exit()).isZero();
    Run close = ops(table, "close", "--yes", "--concert", CONCERT, "--operator", "carol");
    assertThat(close.exit()).isZero();
    app.queueRound().run(CONCERT);
    JsonNode closed = new ObjectMapper().readTree(ops(table, "status", "--concert", CONCERT, "--json").out());
    assertThat(closed.get("saleState").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("lastRoundSaleState").asText()).isEqualTo("CLOSED");
    assertThat(closed.get("maxActive").asInt()).isEqualTo(2);
    assertThat(closed.get("dates")).hasSize(5);
    assertThat(closed.at("/dates/0/available").asInt()).isEqualTo(50);

    Run audit = ops(table, "audit", "--concert", CONCERT);
    assertThat(audit.exit()).isZero();
    List<String> headings = audit.out().lines().filter(line -> !line.startsWith(" ")).toList();
    assertThat(headings).hasSize(4);
    assertThat(headings.get(0)).endsWith("  close  by carol");
    assertThat(headings.get(1)).endsWith("  resume  by bob");
    assertThat(headings.get(2)).endsWith("  pause  by alice");
    assertThat(headings.get(3)).endsWith("  set max active 2  by alice");
    assertThat(audit.out()).contains("    after:  paused=false closed=true maxActive=2 saleOpensAt=none");
    JsonNode trail = new ObjectMapper().readTree(ops(table, "audit", "--concert", CONCERT, "--json").out());
    assertThat(trail.get("changes")).hasSize(4);
    assertThat(trail.at("/changes/0/identity").isNull()).isTrue();
    assertThat(Instant.parse(trail.at("/changes/0/at").asText())).isBetween(Instant.now().minusSeconds(300), Instant.now());

    assertThat(ops(table, "reopen", "--concert", CONCERT, "--operator", "carol").exit()).isZero();
    app.queueRound().run(CONCERT);
    assertThat(ops(table, "status", "--concert", CONCERT).out()).contains("sale state   OPEN\n");
  }

  @Test
  void the_opening_moves_by_command_and_refusals_exit_1_having_changed_nothing(TestTable table) {
    TestComponent app = seeded(table);
    Instant opening = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    app.catalogSeeder().seed(SmallCatalog.opening(opening));
    String upcoming = SmallCatalog.PRE_QUEUE_CONCERT;
    TableSnapshot before = TableSnapshot.of(table.client(), table.name());

    Run openSale = ops(table, "set", "--sale-opens-at", opening.toString(), "--concert", CONCERT, "--operator", "alice");
    assertThat(openSale.exit()).isEqualTo(1);
    assertThat(openSale.err()).contains("refused: the sale is OPEN; its opening moves only while it is UPCOMING; nothing changed");
    Run tooSoon = ops(table, "set", "--sale-opens-at", Instant.now().plusSeconds(60).toString(), "--concert", upcoming,
        "--operator", "alice");
    assertThat(tooSoon.exit()).isEqualTo(1);
    assertThat(tooSoon.err()).contains("must be more than 10 minutes from now");
    Run unknown = ops(table, "pause", "--concert", "no-such-concert", "--operator", "alice");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("ops: no concert no-such-concert in table " + table.name() + "\n");
    assertThat(ops(table, "status", "--concert", "no-such-concert").exit()).isEqualTo(1);
    assertThat(ops(table, "audit", "--concert", "no-such-concert").exit()).isEqualTo(1);
    assertThat(TableSnapshot.of(table.client(), table.name()).differencesFrom(before)).isEmpty();

    String later = "2099-01-01T09:00:00+09:00";
    Run moved = ops(table, "set", "--sale-opens-at", opening.plus(Duration.ofHours(2)).toString(), "--concert", upcoming,
        "--operator", "alice");
    assertThat(moved.exit()).isZero();
    assertThat(moved.out()).contains("  after:  paused=false closed=false maxActive=default saleOpensAt="
        + opening.plus(Duration.ofHours(2)));
    assertThat(ops(table, "status", "--concert", upcoming).out())
        .contains("sale state   UPCOMING", "opens at     " + opening.plus(Duration.ofHours(2)));
    Run tooFar = ops(table, "set", "--sale-opens-at", later, "--concert", upcoming, "--operator", "alice");
    assertThat(tooFar.exit()).isEqualTo(1);
    assertThat(tooFar.err()).contains("more than 365 days after the current one");
  }

  @Test
  void bad_arguments_print_why_and_the_usage_exit_2_and_change_nothing(TestTable table) {
    seeded(table);
    TableSnapshot before = TableSnapshot.of(table.client(), table.name());
    String c = CONCERT;
    record Bad(List<String> args, String says) {}
    List<Bad> cases = List.of(
        new Bad(List.of(), "no command given"),
        new Bad(List.of("frobnicate", "--concert", c), "unknown command frobnicate"),
        new Bad(List.of("pause", "--operator", "alice"), "--concert ID is required"),
        new Bad(List.of("pause", "--concert"), "--concert needs a value"),
        new Bad(List.of("pause", "--concert", c), "say who you are with --operator NAME"),
        new Bad(List.of("pause", "--concert", c, "--operator", " "), "--operator: a name of 1-128 printable characters"),
        new Bad(List.of("close", "--concert", c, "--operator", "alice"), "confirm with --yes"),
        new Bad(List.of("pause", "--yes", "--concert", c, "--operator", "alice"), "--yes belongs to close only"),
        new Bad(List.of("set", "--max-active", "0", "--concert", c, "--operator", "alice"), "--max-active: a whole number from 1 to 10000, not 0"),
        new Bad(List.of("set", "--max-active", "abc", "--concert", c, "--operator", "alice"), "not abc"),
        new Bad(List.of("set", "--max-active", "10001", "--concert", c, "--operator", "alice"), "not 10001"),
        new Bad(List.of("set", "--max-active", "-3", "--concert", c, "--operator", "alice"), "not -3"),
        new Bad(List.of("set", "--sale-opens-at", "tomorrow", "--concert", c, "--operator", "alice"), "--sale-opens-at: an ISO-8601 instant"),
        new Bad(List.of("set", "--sale-opens-at", "2026-12-01T10:00:00", "--concert", c, "--operator", "alice"), "with its offset"),
        new Bad(List.of("set", "--concert", c, "--operator", "alice"), "set takes one of --max-active N or --sale-opens-at INSTANT"),
        new Bad(List.of("set", "--max-active", "3", "--sale-opens-at", "2099-01-01T00:00:00Z", "--concert", c, "--operator", "alice"),
            "set takes one of"),
        new Bad(List.of("pause", "--max-active", "3", "--concert", c, "--operator", "alice"), "--max-active belongs to set"),
        new Bad(List.of("pause", "--concert", c, "--operator", "alice", "now"), "unexpected argument now"),
        new Bad(List.of("pause", "--concert", c, "--concert", c, "--operator", "alice"), "--concert given twice"),
        new Bad(List.of("pause", "--concert", "a b", "--operator", "alice"), "--concert: not a concert id"),
        new Bad(List.of("pause", "--concert", c, "--operator", "alice", "--force"), "unknown or repeated option --force"),
        new Bad(List.of("pause", "--concert", c, "--operator", "alice", "--json"), "--json is for status and audit"),
        new Bad(List.of("status", "--concert", c, "--table", "x"), "--table: not a DynamoDB table name"));
    List<String> failures = new ArrayList<>();
    for (Bad bad : cases) {
      Run run = run(table, bad.args().toArray(String[]::new));
      if (run.exit() != 2 || !run.out().isEmpty() || !run.err().startsWith("ops: ") || !run.err().contains(bad.says())
          || !run.err().contains("usage: java -jar concert-ops.jar <command>")) {
        failures.add(bad.args() + " -> exit " + run.exit() + ", out [" + run.out() + "], err [" + run.err() + "]");
      }
    }
    assertThat(failures).as("bad arguments that did not exit 2 with their reason and the usage").isEmpty();
    assertThat(TableSnapshot.of(table.client(), table.name()).differencesFrom(before)).as("nothing changed").isEmpty();

    Run help = run(table, "status", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("close --yes", "set --max-active N", "set --sale-opens-at INSTANT", "audit [--json]");
  }

  private static TestComponent seeded(TestTable table) {
    Clock clock = Clock.systemUTC();
    TestComponent app = TestComponent.builder().settings(Settings.fromEnvironment(Map.of("TABLE_NAME", table.name(),
            "MAINTENANCE_RUN_SECONDS", "0", "QUEUE_PLACEMENT_SETTLE_SECONDS", "0")))
        .clock(clock).storageModule(new StorageModule(table.client())).build();
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    return app;
  }

  private static Run ops(TestTable table, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--table", table.name()));
    return run(table, all.toArray(String[]::new));
  }

  private static Run run(TestTable table, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = OpsMain.run(args, Map.of("DYNAMODB_ENDPOINT", table.endpoint().toString(), "TABLE_NAME", table.name()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
