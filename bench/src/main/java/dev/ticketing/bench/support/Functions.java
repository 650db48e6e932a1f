package dev.ticketing.bench.support;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.wiring.AppComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The template's functions: handler class by route key (and by logical id), built on a given object graph. */
public final class Functions {
  private Functions() {}

  /** Route key ({@code GET /queue/status}) to handler class name, in template order. */
  public static Map<String, String> handlersByRoute(SamTemplate template) {
    Map<String, String> handlers = new LinkedHashMap<>();
    template.functions().forEach(f -> f.routes().forEach(route -> handlers.put(route.routeKey(), f.handlerClass())));
    return handlers;
  }

  /** Logical id to handler class name, in template order. */
  public static Map<String, String> handlersById(SamTemplate template) {
    Map<String, String> handlers = new LinkedHashMap<>();
    template.functions().forEach(f -> handlers.put(f.logicalId(), f.handlerClass()));
    return handlers;
  }

  public static RequestStreamHandler instantiate(String className, AppComponent app) {
    try {
      return (RequestStreamHandler) Class.forName(className).getConstructor(AppComponent.class).newInstance(app);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + className, e);
    }
  }
}
