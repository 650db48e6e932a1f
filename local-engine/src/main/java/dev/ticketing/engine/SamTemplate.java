package dev.ticketing.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The parsed {@code template.yaml}: the single source of truth for routes, handlers,
 * environment, schedules and the table definition, read by the local runtime and the tests.
 * CloudFormation short-form tags ({@code !Ref}, {@code !Sub}, ...) are kept as {@link Intrinsic}s.
 */
public final class SamTemplate {

  /** A CloudFormation intrinsic function in short form, such as {@code !Ref ReservationsTable}. */
  public record Intrinsic(String function, Object argument) {}

  /**
   * An HttpApi route; {@code authorizationScopes}: the scopes its JWT authorizer requires (a token
   * needs one of them), the route's own or its authorizer's, empty where the template names none.
   */
  public record HttpRoute(String method, String path, boolean requiresIdentity, List<String> authorizationScopes) {
    public HttpRoute {
      authorizationScopes = List.copyOf(authorizationScopes);
    }

    public HttpRoute(String method, String path, boolean requiresIdentity) {
      this(method, path, requiresIdentity, List.of());
    }

    public String routeKey() {
      return method + " " + path;
    }
  }

  public record Schedule(String expression) {}

  /** A function of the template; {@code timeout}: its own Timeout, else the Globals', else Lambda's default. */
  public record FunctionDefinition(
      String logicalId,
      String handler,
      Map<String, Object> environment,
      List<HttpRoute> routes,
      List<Schedule> schedules,
      Duration timeout) {

    /** The handler class name, without the {@code ::method} suffix. */
    public String handlerClass() {
      int separator = handler.indexOf("::");
      return separator < 0 ? handler : handler.substring(0, separator);
    }
  }

  /** Lambda's timeout of a function that sets none. */
  private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

  private final Map<String, Object> root;

  private SamTemplate(Map<String, Object> root) {
    this.root = root;
  }

  public static SamTemplate parse(String yaml) {
    return new SamTemplate(asMap(yaml(yaml)));
  }

  public static SamTemplate load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /**
   * The project's template: {@code TEMPLATE_PATH} if set, else the nearest {@code template.yaml}
   * in the working directory or above it, else the copy packaged in this jar.
   */
  public static SamTemplate locate() {
    String explicit = System.getenv("TEMPLATE_PATH");
    if (explicit != null && !explicit.isBlank()) {
      return load(Path.of(explicit));
    }
    Optional<Path> onDisk = ProjectFiles.findUpwards(Path.of("template.yaml"));
    if (onDisk.isPresent()) {
      return load(onDisk.get());
    }
    try (InputStream packaged = SamTemplate.class.getResourceAsStream("/template.yaml")) {
      if (packaged == null) {
        throw new IllegalStateException("template.yaml not found (set TEMPLATE_PATH)");
      }
      return parse(new String(packaged.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read packaged template.yaml", e);
    }
  }

  /** The tree with every intrinsic replaced by its plain argument: what the SAM schema validates. */
  public Object plainTree() {
    return plain(root);
  }

  private static Object plain(Object node) {
    if (node instanceof Intrinsic intrinsic) {
      return plain(intrinsic.argument());
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(String.valueOf(key), plain(value)));
      return copy;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(SamTemplate::plain).toList();
    }
    return node;
  }

  /**
   * The scopes an HttpApi event's route requires: its own {@code Auth.AuthorizationScopes}, else
   * those of its authorizer (the route's, or the API's default) in the API's {@code Auth}. Only
   * plain lists count: a scope list behind a condition is not resolved here.
   */
  private List<String> authorizationScopes(Map<String, Object> eventProperties) {
    Map<String, Object> auth = asMap(eventProperties.get("Auth"));
    if (auth.get("AuthorizationScopes") instanceof List<?> own) {
      return strings(own);
    }
    Map<String, Object> apiAuth = httpApiAuth(eventProperties.get("ApiId"));
    Object authorizer = auth.getOrDefault("Authorizer", apiAuth.get("DefaultAuthorizer"));
    Object scopes = asMap(asMap(apiAuth.get("Authorizers")).get(String.valueOf(authorizer))).get("AuthorizationScopes");
    return scopes instanceof List<?> list ? strings(list) : List.of();
  }

  /** The {@code Auth} of the HttpApi an event names ({@code ApiId: !Ref X}), else of the template's only HttpApi. */
  private Map<String, Object> httpApiAuth(Object apiId) {
    Map<String, Object> apis = new LinkedHashMap<>();
    resources().forEach((logicalId, value) -> {
      if ("AWS::Serverless::HttpApi".equals(asMap(value).get("Type"))) {
        apis.put(logicalId, value);
      }
    });
    Object api = apiId instanceof Intrinsic ref && ref.function().equals("Ref") ? apis.get(String.valueOf(ref.argument()))
        : apis.size() == 1 ? apis.values().iterator().next() : null;
    return asMap(asMap(asMap(api).get("Properties")).get("Auth"));
  }

  private static List<String> strings(List<?> values) {
    return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }

  public Map<String, Object> resources() {
    return section("Resources");
  }

  /** A top-level section ({@code Globals}, {@code Parameters}, {@code Conditions}, ...); empty if absent. */
  public Map<String, Object> section(String name) {
    return asMap(root.get(name));
  }

  public List<FunctionDefinition> functions() {
    Map<String, Object> globals = asMap(asMap(root.get("Globals")).get("Function"));
    Map<String, Object> globalEnvironment = variables(globals);
    List<FunctionDefinition> functions = new ArrayList<>();
    resources().forEach((logicalId, value) -> {
      Map<String, Object> resource = asMap(value);
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
        return;
      }
      Map<String, Object> properties = asMap(resource.get("Properties"));
      Map<String, Object> environment = new LinkedHashMap<>(globalEnvironment);
      environment.putAll(variables(properties));
      List<HttpRoute> routes = new ArrayList<>();
      List<Schedule> schedules = new ArrayList<>();
      asMap(properties.get("Events")).values().forEach(eventValue -> {
        Map<String, Object> event = asMap(eventValue);
        Map<String, Object> eventProperties = asMap(event.get("Properties"));
        switch (String.valueOf(event.get("Type"))) {
          case "HttpApi" -> {
            boolean requiresIdentity = !"NONE".equals(asMap(eventProperties.get("Auth")).get("Authorizer"));
            routes.add(new HttpRoute(
                String.valueOf(eventProperties.get("Method")).toUpperCase(java.util.Locale.ROOT),
                String.valueOf(eventProperties.get("Path")),
                requiresIdentity,
                requiresIdentity ? authorizationScopes(eventProperties) : List.of()));
          }
          case "Schedule", "ScheduleV2" -> schedules.add(
              new Schedule(String.valueOf(eventProperties.get("Schedule") != null
                  ? eventProperties.get("Schedule") : eventProperties.get("ScheduleExpression"))));
          default -> { }
        }
      });
      Object timeout = properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", LAMBDA_DEFAULT_TIMEOUT_SECONDS));
      functions.add(new FunctionDefinition(logicalId, String.valueOf(properties.get("Handler")),
          environment, List.copyOf(routes), List.copyOf(schedules), Duration.ofSeconds(((Number) timeout).longValue())));
    });
    return functions;
  }

  /** The one DynamoDB table the service uses. */
  public TableDefinition table() {
    List<Map.Entry<String, Object>> tables = resources().entrySet().stream()
        .filter(e -> "AWS::DynamoDB::Table".equals(asMap(e.getValue()).get("Type")))
        .toList();
    if (tables.size() != 1) {
      throw new IllegalStateException("expected exactly one AWS::DynamoDB::Table, found " + tables.size());
    }
    Map.Entry<String, Object> table = tables.get(0);
    return TableDefinition.fromProperties(table.getKey(), asMap(asMap(table.getValue()).get("Properties")));
  }

  private static Map<String, Object> variables(Map<String, Object> functionProperties) {
    return asMap(asMap(functionProperties.get("Environment")).get("Variables"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  private static Object yaml(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new IntrinsicConstructor(options));
    try (Reader reader = new StringReader(text)) {
      return yaml.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads every {@code !Tag} as an {@link Intrinsic} instead of refusing it. */
  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      this.yamlMultiConstructors.put("!", new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String function = node.getTag().getValue().substring(1);
          Object argument;
          if (node instanceof ScalarNode scalar) {
            argument = constructScalar(scalar);
          } else if (node instanceof SequenceNode sequence) {
            argument = constructSequence(sequence);
          } else {
            argument = constructMapping((MappingNode) node);
          }
          return new Intrinsic(function, argument);
        }
      });
    }
  }
}
