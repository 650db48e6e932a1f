package dev.ticketing.ops;

import dev.ticketing.catalog.seed.CatalogFile;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code seed --file catalog.json [--table NAME]}: loads a catalogue file ({@link CatalogFile})
 * into any table: a deployed one with the usual AWS credentials and region, or a local engine
 * named by {@code DYNAMODB_ENDPOINT}.
 * Existing items are left as they are. Exit 0 when seeded, 1 for a catalogue that cannot be read
 * or a storage that failed, 2 for bad arguments or no table to reach ({@link NoStorage}).
 */
final class SeedCommand {
  static final String USAGE = "usage: java -jar concert-ops.jar seed --file catalog.json [--table NAME]\n"
      + "  --table defaults to TABLE_NAME, else concert-reservation. AWS credentials and region as usual,\n"
      + "  or DYNAMODB_ENDPOINT for a local engine (the local runtime prints its address at start).";

  /**
   * Neither {@code DYNAMODB_ENDPOINT} nor what AWS needs is set: the message names what to set.
   * Told before the table is touched, so nothing ran.
   */
  static final class NoStorage extends Exception {
    NoStorage(String missing) {
      super("no table to reach: " + missing + ". Set DYNAMODB_ENDPOINT to a local engine's address (the local"
          + " runtime prints it at start, e.g. DYNAMODB_ENDPOINT=http://127.0.0.1:36699), or, for a deployed table,"
          + " an AWS region (AWS_REGION) and credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
    }
  }

  private SeedCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(OpsMain::isHelp)) {
      out.println(USAGE);
      return 0;
    }
    String file = null;
    String table = env.getOrDefault("TABLE_NAME", "concert-reservation");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length && (args[i].equals("--file") || args[i].equals("--table"))) {
        err.println("seed: " + args[i] + " needs a value\n" + USAGE);
        return 2;
      }
      switch (args[i]) {
        case "--file" -> file = args[i + 1];
        case "--table" -> table = args[i + 1];
        default -> {
          err.println("seed: unknown option " + args[i] + "\n" + USAGE);
          return 2;
        }
      }
    }
    if (file == null) {
      err.println("seed: --file FILE is required\n" + USAGE);
      return 2;
    }
    SeedCatalog catalog;
    try {
      catalog = CatalogFile.read(Path.of(file), JsonMapper.create());
    } catch (IOException e) {
      err.println("seed: " + e.getMessage());
      return 1;
    }
    try (DynamoDbClient client = client(env)) {
      AppComponent app = AppComponent.builder().settings(Settings.fromEnvironment(Map.of("TABLE_NAME", table)))
          .clock(Clock.systemUTC()).storageModule(new StorageModule(client)).build();
      CatalogSeeder.Result result = app.catalogSeeder().seed(catalog);
      out.printf("seeded %s: %d items written, %d already present%n", table, result.written(), result.alreadyPresent());
      return 0;
    } catch (NoStorage e) {
      err.println("seed: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("seed: failed against table " + table + ": " + e.getMessage());
      return 1;
    }
  }

  /**
   * A client of the table the commands name: {@code DYNAMODB_ENDPOINT}'s, or AWS with the usual
   * credentials and region. Those are looked up here, before any call, so that their absence is
   * told in words ({@link NoStorage}) rather than as the SDK's chain of providers.
   */
  static DynamoDbClient client(Map<String, String> env) throws NoStorage {
    DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
    String endpoint = env.get("DYNAMODB_ENDPOINT");
    boolean local = endpoint != null && !endpoint.isBlank();
    if (local) {
      builder.endpointOverride(URI.create(endpoint));
      if (env.get("AWS_ACCESS_KEY_ID") == null) {
        builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .region(Region.US_EAST_1);
        return builder.build();
      }
    }
    try {
      builder.region(new DefaultAwsRegionProviderChain().getRegion());
    } catch (SdkClientException e) {
      if (!local) {
        throw new NoStorage("DYNAMODB_ENDPOINT is not set and no AWS region is configured");
      }
      builder.region(Region.US_EAST_1);  // a local engine answers in any region
    }
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new NoStorage((local ? "" : "DYNAMODB_ENDPOINT is not set and ") + "no AWS credentials were found");
    }
    return builder.credentialsProvider(credentials).build();
  }
}
