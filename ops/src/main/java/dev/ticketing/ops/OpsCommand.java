package dev.ticketing.ops;

import dev.ticketing.config.Settings;
import dev.ticketing.domain.Ids;
import dev.ticketing.domain.Refused;
import dev.ticketing.sale.OperateSale;
import dev.ticketing.sale.Operator;
import dev.ticketing.sale.SaleChange;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code <command> --concert ID [--table NAME] [--operator NAME]}: an operator's commands
 * (docs/api.md, "Operator commands"), against any table: a deployed one with the operator's own AWS
 * credentials (IAM decides who may), or a local engine named by {@code DYNAMODB_ENDPOINT}. Every
 * argument is checked before the table is touched: a bad one prints why and the usage on stderr
 * and exits 2, having changed nothing; so does a missing {@code DYNAMODB_ENDPOINT} where AWS has
 * no region or credentials either (the message names what to set). {@code --help} anywhere: the
 * usage on stdout, exit 0. Exit 1: the sale refused the change (nothing changed), the
 * concert is unknown, or the storage failed; 0 otherwise, also for a change that was already so
 * (nothing written, nothing audited). The use cases: {@link OperateSale} and
 * {@link dev.ticketing.sale.ShowSaleStatus}; the output: {@link OpsOutput}.
 */
final class OpsCommand {
  static final String USAGE = """
      usage: java -jar concert-ops.jar <command> --concert ID [--table NAME] [--operator NAME]
        status [--json]               sale state, waiting, active, admissions per minute, seats per date
        pause                         stop admission; waiting users keep their places
        resume                        let admission go on
        close --yes                   joins refused, waiting tokens CLOSED, turns end
        reopen                        lift an operator's close (CLOSED tokens stay closed)
        set --max-active N            the concert's active limit (1-%d; QUEUE_MAX_ACTIVE until set)
        set --sale-opens-at INSTANT   move the opening (ISO-8601, e.g. 2026-12-01T10:00:00Z) while the
                                      sale is UPCOMING, more than 10 minutes before it, to more than 10
                                      minutes from now
        audit [--json]                every change, newest first: when, by whom, before and after
      Changes need --operator (your name, for the audit trail). --table defaults to TABLE_NAME, else
      concert-reservation. AWS credentials and region as usual, or DYNAMODB_ENDPOINT for a local engine.
      A change takes effect within one maintenance round."""
      .formatted(OperateSale.MAX_ACTIVE_LIMIT);
  private static final Set<String> COMMANDS = Set.of("status", "pause", "resume", "close", "reopen", "set", "audit");
  private static final Set<String> VALUED = Set.of("--table", "--concert", "--operator", "--max-active", "--sale-opens-at");
  private static final int LONGEST_OPERATOR = 128;

  /** What the arguments ask for: a change (with who asks), or a read. */
  record Request(String command, String concertId, String table, Optional<SaleChange> change, Optional<String> operator,
      boolean json) {}

  /** Arguments that ask for nothing valid: nothing ran. */
  static final class Usage extends Exception {
    Usage(String message) {
      super(message);
    }
  }

  private OpsCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(OpsMain::isHelp) || (args.length == 1 && args[0].equals("help"))) {
      out.println(USAGE);
      return 0;
    }
    Request request;
    try {
      request = parse(args, env);
    } catch (Usage e) {
      err.println("ops: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try (DynamoDbClient client = SeedCommand.client(env)) {
      AppComponent app = AppComponent.builder().settings(Settings.fromEnvironment(Map.of("TABLE_NAME", request.table())))
          .clock(Clock.systemUTC()).storageModule(new StorageModule(client)).build();
      OpsOutput output = new OpsOutput(out, err, request.json());
      if (request.change().isPresent()) {
        Operator operator = new Operator(request.operator().orElseThrow(), CallerIdentity.of(env, err));
        return output.outcome(request.concertId(),
            app.operateSale().apply(request.concertId(), request.change().get(), operator));
      }
      if (request.command().equals("status")) {
        output.status(app.showSaleStatus().show(request.concertId()));
      } else {
        output.audit(request.concertId(), app.operateSale().audit(request.concertId()));
      }
      return 0;
    } catch (SeedCommand.NoStorage e) {
      err.println("ops: " + e.getMessage());
      return 2;
    } catch (Refused e) {
      err.println("ops: " + e.detail() + " in table " + request.table());
      return 1;
    } catch (RuntimeException e) {
      err.println("ops: failed against table " + request.table() + ": " + e.getMessage()
          + (request.change().isPresent() ? "\n(if the failure came after the write, `concert-ops.jar audit` shows whether the change was made)" : ""));
      return 1;
    }
  }

  static Request parse(String[] args, Map<String, String> env) throws Usage {
    if (args.length == 0) {
      throw new Usage("no command given");
    }
    String command = args[0];
    if (!COMMANDS.contains(command)) {
      throw new Usage("unknown command " + command);
    }
    Map<String, String> values = new HashMap<>();
    boolean yes = false;
    boolean json = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (VALUED.contains(arg)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new Usage(arg + " needs a value");
        }
        if (values.put(arg, args[++i]) != null) {
          throw new Usage(arg + " given twice");
        }
      } else if (arg.equals("--yes") && !yes) {
        yes = true;
      } else if (arg.equals("--json") && !json) {
        json = true;
      } else {
        throw new Usage(arg.startsWith("--") ? "unknown or repeated option " + arg : "unexpected argument " + arg);
      }
    }
    String concertId = Optional.ofNullable(values.get("--concert")).orElseThrow(() -> new Usage("--concert ID is required"));
    if (!Ids.isValid(concertId)) {
      throw new Usage("--concert: not a concert id (1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'): " + concertId);
    }
    String table = Optional.ofNullable(values.get("--table"))
        .orElse(env.getOrDefault("TABLE_NAME", "concert-reservation"));
    if (!table.matches("[A-Za-z0-9._-]{3,255}")) {
      throw new Usage("--table: not a DynamoDB table name: " + table);
    }
    if (yes != command.equals("close")) {
      throw new Usage(yes ? "--yes belongs to close only" : "close ends every turn and every waiting token: confirm with --yes");
    }
    if (json && !(command.equals("status") || command.equals("audit"))) {
      throw new Usage("--json is for status and audit");
    }
    boolean maxActive = values.containsKey("--max-active");
    boolean opening = values.containsKey("--sale-opens-at");
    if (!command.equals("set") && (maxActive || opening)) {
      throw new Usage((maxActive ? "--max-active" : "--sale-opens-at") + " belongs to set");
    }
    if (command.equals("set") && maxActive == opening) {
      throw new Usage("set takes one of --max-active N or --sale-opens-at INSTANT");
    }
    Optional<SaleChange> change = switch (command) {
      case "pause" -> Optional.of(new SaleChange.Pause());
      case "resume" -> Optional.of(new SaleChange.Resume());
      case "close" -> Optional.of(new SaleChange.Close());
      case "reopen" -> Optional.of(new SaleChange.Reopen());
      case "set" -> Optional.of(maxActive ? new SaleChange.SetMaxActive(maxActive(values.get("--max-active")))
          : new SaleChange.SetSaleOpensAt(instant(values.get("--sale-opens-at"))));
      default -> Optional.empty();
    };
    Optional<String> operator = Optional.ofNullable(values.get("--operator"));
    if (change.isPresent() && operator.isEmpty()) {
      throw new Usage(command + " changes the sale: say who you are with --operator NAME (kept in the audit trail)");
    }
    if (operator.isPresent() && (operator.get().isBlank() || operator.get().length() > LONGEST_OPERATOR
        || !operator.get().chars().allMatch(c -> c >= 0x20 && c != 0x7f))) {
      throw new Usage("--operator: a name of 1-" + LONGEST_OPERATOR + " printable characters");
    }
    return new Request(command, concertId, table, change, operator, json);
  }

  private static int maxActive(String value) throws Usage {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1 && parsed <= OperateSale.MAX_ACTIVE_LIMIT) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new Usage("--max-active: a whole number from 1 to " + OperateSale.MAX_ACTIVE_LIMIT + ", not " + value);
  }

  private static Instant instant(String value) throws Usage {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new Usage("--sale-opens-at: an ISO-8601 instant with its offset, e.g. 2026-12-01T10:00:00Z, not " + value);
    }
  }
}
