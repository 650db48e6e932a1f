package dev.ticketing.ops;

import dev.ticketing.ops.preflight.PreflightCommand;
import dev.ticketing.ops.publish.PublishCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The operators' tools, run against a deployed table with the operator's own AWS credentials (or
 * against a local engine named by {@code DYNAMODB_ENDPOINT}):
 * {@code java -jar ops/target/concert-ops.jar <command> --concert ID ...} runs an operator's
 * command on a sale ({@link OpsCommand}); {@code ... seed --file catalog.json} loads a catalogue
 * into a table ({@link SeedCommand}); {@code ... publish --stack NAME} puts the web app on a stack
 * deployed with HostWebApp ({@link PublishCommand}); {@code ... preflight --stack NAME} checks a stack
 * before a sale ({@link PreflightCommand}). They ship apart from the local runtime, which
 * never talks to AWS.
 */
public final class OpsMain {
  private OpsMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** {@code --help} or {@code -h}: the usage on stdout, exit 0, for every command (both, asked of the jar). */
  static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /** One command with its arguments, in {@code env} (the process environment); its exit status. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length > 0 && (isHelp(args[0]) || args[0].equals("help"))) {
      out.println(OpsCommand.USAGE);
      out.println();
      out.println(SeedCommand.USAGE);
      out.println();
      out.println(PublishCommand.USAGE);
      out.println();
      out.println(PreflightCommand.USAGE);
      return 0;
    }
    if (args.length > 0 && args[0].equals(PreflightCommand.NAME)) {
      return PreflightCommand.run(Arrays.copyOfRange(args, 1, args.length), env, out, err);
    }
    if (args.length > 0 && args[0].equals("publish")) {
      return PublishCommand.run(Arrays.copyOfRange(args, 1, args.length), env, out, err);
    }
    if (args.length > 0 && args[0].equals("seed")) {
      return SeedCommand.run(Arrays.copyOfRange(args, 1, args.length), env, out, err);
    }
    return OpsCommand.run(args, env, out, err);
  }
}
