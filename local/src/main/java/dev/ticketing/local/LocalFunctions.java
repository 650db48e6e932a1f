package dev.ticketing.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.SamTemplate.Intrinsic;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The template's functions, each instantiated as Lambda would: its handler class built on a graph
 * of its own, with the template's environment for it (the global and the function's variables,
 * {@code !Ref} of the table resolved to the local table) under the process environment. The
 * runtime builds them all; {@code invoke} builds one.
 */
final class LocalFunctions {
  private final Map<String, LocalFunction> byLogicalId;

  private LocalFunctions(Map<String, LocalFunction> byLogicalId) {
    this.byLogicalId = byLogicalId;
  }

  /** Every function of {@code template}, its storage reached through {@code client}. */
  static LocalFunctions instantiate(SamTemplate template, Map<String, String> environment, Clock clock, DynamoDbClient client) {
    Map<String, LocalFunction> functions = new LinkedHashMap<>();
    for (FunctionDefinition definition : template.functions()) {
      functions.put(definition.logicalId(), instantiate(definition, environmentOf(definition, environment), clock, client));
    }
    return new LocalFunctions(functions);
  }

  /** One function, its handler built on a graph of its own with exactly {@code environment}. */
  static LocalFunction instantiate(FunctionDefinition definition, Map<String, String> environment, Clock clock,
      DynamoDbClient client) {
    AppComponent app = component(Settings.fromEnvironment(environment), clock, client);
    return new LocalFunction(definition, handler(definition.handlerClass(), app));
  }

  /**
   * The function's environment: the template's variables for it (its own over the global ones,
   * {@code !Ref} of the table resolved to the local table) under {@code processEnvironment}.
   */
  static Map<String, String> environmentOf(FunctionDefinition definition, Map<String, String> processEnvironment) {
    Map<String, String> environment = resolve(definition.environment(), Settings.fromEnvironment(processEnvironment).tableName());
    environment.putAll(processEnvironment);
    return environment;
  }

  /** A graph like the one each function gets, for the runtime's own work (seeding, its logs). */
  static AppComponent component(Settings settings, Clock clock, DynamoDbClient client) {
    return AppComponent.builder().settings(settings).clock(clock).storageModule(new StorageModule(client)).build();
  }

  List<LocalFunction> all() {
    return List.copyOf(byLogicalId.values());
  }

  LocalFunction function(String logicalId) {
    LocalFunction function = byLogicalId.get(logicalId);
    if (function == null) {
      throw new IllegalArgumentException("no function " + logicalId + " in the template");
    }
    return function;
  }

  /** Template variables as plain strings; {@code !Ref} of the table is the local table's name. */
  private static Map<String, String> resolve(Map<String, Object> variables, String tableName) {
    Map<String, String> resolved = new HashMap<>();
    variables.forEach((name, value) -> {
      if (value instanceof Intrinsic intrinsic) {
        if (intrinsic.function().equals("Ref")) {
          resolved.put(name, tableName);
        }
      } else if (value != null) {
        resolved.put(name, String.valueOf(value));
      }
    });
    return resolved;
  }

  private static RequestStreamHandler handler(String className, AppComponent app) {
    try {
      return (RequestStreamHandler) Class.forName(className).getConstructor(AppComponent.class).newInstance(app);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("handler " + className + " needs a public constructor taking AppComponent", e);
    }
  }
}
