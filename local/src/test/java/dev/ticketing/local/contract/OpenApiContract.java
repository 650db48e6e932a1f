package dev.ticketing.local.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ticketing.engine.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The repository's {@code openapi.yaml} as a test oracle: for a response to (method, path) it
 * asserts that the status is documented for that operation, that the content type is one the
 * operation documents for that status, that required response headers are there, and that the
 * body validates against the documented schema (OpenAPI 3.1 schemas are JSON Schema 2020-12;
 * {@code $ref}s resolve inside the whole document). Every check records the operation as
 * exercised, so a test can ask which documented operations no test has called.
 */
public final class OpenApiContract {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  private static volatile OpenApiContract shared;

  /** One documented operation: method and path template, such as {@code GET /concerts/{concertId}/schedules}. */
  public record Operation(String method, String path, String pointer, Pattern pattern, int literalLength) {
    public String key() {
      return method + " " + path;
    }

    /** The key with path parameter names blanked, for comparing with routes that may name them otherwise. */
    public String shape() {
      return shapeOf(method, path);
    }
  }

  private final Path file;
  private final JsonNode document;
  private final List<Operation> operations;
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final Set<String> exercised = ConcurrentHashMap.newKeySet();
  /** Only the repository's document, shared by the HTTP tests, records across JVMs; documents made up by a test do not. */
  private volatile boolean recordsAcrossJvms;

  private OpenApiContract(Path file, JsonNode document) {
    this.file = file;
    this.document = document;
    List<Operation> found = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        found.add(describeOperation(op.getKey().toUpperCase(Locale.ROOT), path.getKey()));
      }
    }));
    // The most specific template wins, as API Gateway matches routes: more literal text first.
    found.sort(Comparator.comparingInt(Operation::literalLength).reversed());
    this.operations = List.copyOf(found);
  }

  /** The repository's openapi.yaml, parsed once per test JVM; its exercised set is shared by every test. */
  public static OpenApiContract shared() {
    OpenApiContract contract = shared;
    if (contract == null) {
      synchronized (OpenApiContract.class) {
        if (shared == null) {
          OpenApiContract repository = load(ProjectFiles.findUpwards(Path.of("openapi.yaml"))
              .orElseThrow(() -> new IllegalStateException("openapi.yaml not found above " + Path.of("").toAbsolutePath())));
          repository.recordsAcrossJvms = true;
          shared = repository;
        }
        contract = shared;
      }
    }
    return contract;
  }

  public static OpenApiContract load(Path file) {
    try {
      return parse(file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OpenApiContract parse(Path origin, String yaml) {
    try {
      return new OpenApiContract(origin, new ObjectMapper(new YAMLFactory()).readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + origin, e);
    }
  }

  public JsonNode document() {
    return document;
  }

  public List<Operation> operations() {
    return operations;
  }

  /**
   * The operations some check has gone through, as {@link Operation#key()}s: in this JVM, and in
   * every other test JVM of this run that recorded them under {@link #RECORD_DIRECTORY}.
   */
  public Set<String> exercised() {
    Set<String> all = new TreeSet<>(exercised);
    recordDirectory().filter(directory -> recordsAcrossJvms && Files.isDirectory(directory)).ifPresent(directory -> {
      try (var files = Files.list(directory)) {
        for (Path recorded : files.toList()) {
          Files.readAllLines(recorded).stream().filter(line -> !line.isBlank()).forEach(all::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return Collections.unmodifiableSet(all);
  }

  /**
   * The system property naming a directory where each test JVM appends the operations it exercises,
   * one file per JVM: the module's HTTP tests run in several JVMs, and the coverage check, in a JVM
   * of its own after them, reads them all. The build names a directory per run, so that a run
   * never counts what an earlier one exercised.
   */
  public static final String RECORD_DIRECTORY = "openapi.exercised.dir";

  private static Optional<Path> recordDirectory() {
    return Optional.ofNullable(System.getProperty(RECORD_DIRECTORY)).filter(dir -> !dir.isBlank()).map(Path::of);
  }

  private void record(String key) {
    if (!exercised.add(key) || !recordsAcrossJvms) {
      return;
    }
    recordDirectory().ifPresent(directory -> {
      synchronized (exercised) {
        try {
          Files.createDirectories(directory);
          Files.writeString(directory.resolve(ProcessHandle.current().pid() + ".txt"), key + "\n",
              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
  }

  /**
   * The operation for a method and a path: a documented template ({@code /reservations/{reservationId}})
   * or a concrete path ({@code /reservations/r-1?x=y}; the query is ignored).
   */
  public Optional<Operation> operation(String method, String path) {
    String upper = method.toUpperCase(Locale.ROOT);
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    Optional<Operation> exact = operations.stream()
        .filter(op -> op.method().equals(upper) && op.path().equals(bare)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return operations.stream().filter(op -> op.method().equals(upper) && op.pattern().matcher(bare).matches()).findFirst();
  }

  /** {@link #check(String, String, int, String, Map, JsonNode)} for a JSON response without header checks. */
  public Operation check(String method, String path, int status, JsonNode body) {
    String contentType = status >= 400 ? "application/problem+json" : "application/json";
    return check(method, path, status, contentType, Map.of(), body);
  }

  /**
   * Asserts that the response is one the document allows for this operation, and records the
   * operation as exercised. Header names are matched without regard to case.
   *
   * @throws AssertionError naming the operation, the status and what does not match
   */
  public Operation check(String method, String path, int status, String contentType, Map<String, List<String>> headers,
      JsonNode body) {
    Operation operation = operation(method, path).orElseThrow(() -> new AssertionError(
        method + " " + path + " is not an operation of " + file.getFileName() + " (documented: "
            + operations.stream().map(Operation::key).toList() + ")"));
    record(operation.key());
    String what = operation.key() + " -> " + status;
    JsonNode responses = document.at(operation.pointer() + "/responses");
    String statusKey = String.valueOf(status);
    String responsePointer;
    if (responses.has(statusKey)) {
      responsePointer = operation.pointer() + "/responses/" + statusKey;
    } else if (responses.has(status / 100 + "XX")) {
      responsePointer = operation.pointer() + "/responses/" + status / 100 + "XX";
    } else if (responses.has("default")) {
      responsePointer = operation.pointer() + "/responses/default";
    } else {
      throw new AssertionError(what + ": status not documented (documented: " + fieldNames(responses) + ")"
          + (body == null ? "" : "; body " + body));
    }
    responsePointer = resolve(responsePointer);
    JsonNode response = document.at(responsePointer);
    checkHeaders(what, response.path("headers"), headers);
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null) {
        throw new AssertionError(what + ": documented without a body, but has " + body);
      }
      return operation;
    }
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      throw new AssertionError(what + ": content type '" + contentType + "' not documented (documented: "
          + fieldNames(content) + ")" + (body == null ? "" : "; body " + body));
    }
    if (body == null) {
      throw new AssertionError(what + ": documented with a " + mediaType + " body, but has none");
    }
    String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
    Set<ValidationMessage> errors = schema(schemaPointer).validate(body);
    if (!errors.isEmpty()) {
      throw new AssertionError(what + ": body does not match " + describe(schemaPointer) + ": "
          + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "))
          + "\nbody: " + body);
    }
    return operation;
  }

  /** Validates a JSON value against a schema of the document, such as {@code #/components/schemas/Problem}. */
  public Set<ValidationMessage> validate(String schemaPointer, JsonNode value) {
    return schema(schemaPointer.startsWith("#") ? schemaPointer.substring(1) : schemaPointer).validate(value);
  }

  private void checkHeaders(String what, JsonNode documented, Map<String, List<String>> actual) {
    documented.fields().forEachRemaining(entry -> {
      JsonNode header = entry.getValue().has("$ref") ? document.at(resolve(refPointer(entry.getValue()))) : entry.getValue();
      Optional<String> value = actual.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(entry.getKey()) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0)).findFirst();
      if (value.isEmpty()) {
        if (header.path("required").asBoolean(false)) {
          throw new AssertionError(what + ": required header " + entry.getKey() + " missing (headers: " + actual.keySet() + ")");
        }
        return;
      }
      if ("integer".equals(header.path("schema").path("type").asText()) && !value.get().matches("\\d+")) {
        throw new AssertionError(what + ": header " + entry.getKey() + " is not an integer: " + value.get());
      }
    });
  }

  private JsonSchema schema(String pointer) {
    return schemas.computeIfAbsent(pointer, p -> {
      // The whole document is the schema resource, so "#/components/schemas/..." resolves; its
      // root applies only the $ref to the schema in question (other root members are not keywords).
      ObjectNode root = document.deepCopy();
      root.put("$schema", DIALECT);
      root.put("$ref", "#" + p);
      return factory.getSchema(root, config);
    });
  }

  /** Follows {@code $ref}s of response objects, such as {@code #/components/responses/BadRequest}. */
  private String resolve(String pointer) {
    String current = pointer;
    for (int hops = 0; hops < 10; hops++) {
      JsonNode node = document.at(current);
      if (node.isMissingNode()) {
        throw new AssertionError("dangling reference " + current + " in " + file);
      }
      if (!node.has("$ref")) {
        return current;
      }
      current = refPointer(node);
    }
    throw new AssertionError("reference loop at " + pointer);
  }

  private static String refPointer(JsonNode node) {
    String ref = node.get("$ref").asText();
    if (!ref.startsWith("#/")) {
      throw new AssertionError("only local references are supported: " + ref);
    }
    return ref.substring(1);
  }

  private String describe(String schemaPointer) {
    JsonNode schema = document.at(schemaPointer);
    return schema.has("$ref") ? schema.get("$ref").asText() : "#" + schemaPointer;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static Operation describeOperation(String method, String path) {
    StringBuilder regex = new StringBuilder();
    int literal = 0;
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      regex.append('/');
      if (segment.startsWith("{") && segment.endsWith("}")) {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(segment));
        literal += segment.length();
      }
    }
    return new Operation(method, path, "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT),
        Pattern.compile(regex.length() == 0 ? "/" : regex.toString()), literal);
  }

  /** A JSON pointer token: '~' and '/' escaped. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** {@code GET /concerts/{}/schedules}: a route key with its parameter names blanked. */
  public static String shapeOf(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}/]*}", "{}");
  }
}
