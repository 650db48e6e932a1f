package dev.ticketing.local;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.catalog.seed.SeedCatalog;
import dev.ticketing.config.Settings;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Loads a catalogue JSON file (the shape of {@link SeedCatalog}) into any table: a deployed one
 * with the usual AWS credentials and region, or a local engine named by {@code DYNAMODB_ENDPOINT}.
 * Existing items are left as they are.
 */
final class SeedCommand {
  private SeedCommand() {}

  static int run(String[] args, Map<String, String> env) {
    String file = null;
    String table = env.getOrDefault("TABLE_NAME", "concert-reservation");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--file" -> file = args[i + 1];
        case "--table" -> table = args[i + 1];
        default -> {
          System.err.println("unknown option " + args[i]);
          return 2;
        }
      }
    }
    if (file == null) {
      System.err.println("usage: seed --file catalog.json [--table NAME]");
      return 2;
    }
    SeedCatalog catalog;
    try {
      catalog = read(Path.of(file), JsonMapper.create());
    } catch (IOException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    try (DynamoDbClient client = client(env)) {
      AppComponent app = AppComponent.builder().settings(Settings.fromEnvironment(Map.of("TABLE_NAME", table)))
          .clock(Clock.systemUTC()).storageModule(new StorageModule(client)).build();
      CatalogSeeder.Result result = app.catalogSeeder().seed(catalog);
      System.out.printf("seeded %s: %d items written, %d already present%n", table, result.written(), result.alreadyPresent());
      return 0;
    }
  }

  /** A catalogue file; the exception says what is wrong with it, and where. */
  static SeedCatalog read(Path file, ObjectMapper json) throws IOException {
    try {
      return json.readValue(file.toFile(), SeedCatalog.class);
    } catch (JsonMappingException e) {
      throw new IOException("cannot read the catalogue " + file + ": " + problem(e), e);
    } catch (IOException e) {
      throw new IOException("cannot read the catalogue " + file + ": " + e.getMessage(), e);
    }
  }

  /** The field at fault as a path ({@code concerts[1].saleOpensAt}) and what is wrong, without Jackson's class names. */
  private static String problem(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    String what;
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == Instant.class) {
      what = "'" + invalid.getValue() + "' is not an ISO-8601 instant such as 2026-12-24T10:00:00Z";
    } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
      what = e.getCause().getMessage();  // a rule of SeedCatalog's, already in words
    } else {
      what = e.getOriginalMessage();
    }
    return field.length() == 0 ? what : field + ": " + what;
  }

  /** A client of the table the commands name: {@code DYNAMODB_ENDPOINT}'s, or AWS with the usual credentials. */
  static DynamoDbClient client(Map<String, String> env) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
    String endpoint = env.get("DYNAMODB_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
      if (env.get("AWS_ACCESS_KEY_ID") == null) {
        builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1);
        return builder.build();
      }
    }
    return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
  }
}
