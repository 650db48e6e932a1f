package dev.ticketing.local;

import dev.ticketing.http.ApiGatewayResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local extras that are not API routes: the web app ({@code webapp/} of the repository) and
 * {@code openapi.yaml}. The build packages both into the local jar under {@value #ROOT}, so they
 * are served from the classpath wherever the jar runs. Only single-segment names of known file
 * types are looked up, and only under {@value #ROOT}: no path can reach anything else.
 */
final class StaticFiles {
  static final String ROOT = "public/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "yaml", "application/yaml",
      "json", "application/json",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader;

  StaticFiles(ClassLoader loader) {
    this.loader = loader;
  }

  static StaticFiles fromClasspath() {
    return new StaticFiles(StaticFiles.class.getClassLoader());
  }

  /** The file for a GET of this decoded path, if it is one of the packaged files. */
  Optional<ApiGatewayResponse> serve(String method, String path) {
    if (!"GET".equals(method)) {
      return Optional.empty();
    }
    return resourceName(path).flatMap(this::read).map(file -> new ApiGatewayResponse(200, Map.of(
        "content-type", file.contentType(),
        "cache-control", "no-cache",
        "x-content-type-options", "nosniff"), Base64.getEncoder().encodeToString(file.bytes()), true));
  }

  /** Whether a GET of this path is answered with a packaged file. */
  boolean has(String path) {
    return resourceName(path).map(name -> loader.getResource(name) != null).orElse(false);
  }

  private record File(String contentType, byte[] bytes) {}

  private static Optional<String> resourceName(String path) {
    if (path == null) {
      return Optional.empty();
    }
    String name = path.equals("/") ? "index.html" : path.startsWith("/") ? path.substring(1) : "";
    if (!NAME.matcher(name).matches() || !TYPES.containsKey(extension(name))) {
      return Optional.empty();
    }
    return Optional.of(ROOT + name);
  }

  private Optional<File> read(String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty()
          : Optional.of(new File(TYPES.get(extension(resource)), in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(String name) {
    return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }
}
