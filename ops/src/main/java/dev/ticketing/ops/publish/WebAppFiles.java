package dev.ticketing.ops.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web app's files as the bucket keeps them: each with the Content-Type a browser needs (S3
 * would otherwise serve them as binary) and a Cache-Control the distribution obeys. The files are
 * not fingerprinted, so they are cached a minute (publish also invalidates the distribution);
 * config.js, written from the stack's outputs, is revalidated on every load.
 */
final class WebAppFiles {
  static final String CONFIG = "config.js";
  static final String OPENAPI = "openapi.yaml";
  static final String BRIEFLY = "public, max-age=60";
  static final String ALWAYS_REVALIDATE = "no-cache";
  /** What the app asks for when it signs in (the API requires openid: an access token's scope). */
  static final String SCOPE = "openid profile email";

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("webmanifest", "application/manifest+json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("yaml", "application/yaml"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("woff", "font/woff"));

  /** One object of the bucket: its key, where its bytes come from, and its headers. */
  record WebAppFile(String key, Path source, String contentType, String cacheControl) {}

  private WebAppFiles() {}

  /**
   * Every file under {@code dir} but hidden ones and the directory's own config.js (replaced by
   * {@link #configJs}), and the API's description the app links to (openapi.yaml, beside the
   * directory, as the local runtime serves it), in an order that uploads index.html last: a page of
   * the new version never asks for a file not yet there.
   */
  static List<WebAppFile> in(Path dir) throws IOException {
    List<WebAppFile> files = new java.util.ArrayList<>(filesOf(dir));
    Path parent = dir.toAbsolutePath().getParent();
    Path description = parent == null ? null : parent.resolve(OPENAPI);
    if (description != null && Files.isRegularFile(description) && files.stream().noneMatch(f -> f.key().equals(OPENAPI))) {
      files.add(0, new WebAppFile(OPENAPI, description, contentType(OPENAPI), BRIEFLY));
    }
    return List.copyOf(files);
  }

  private static List<WebAppFile> filesOf(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("index.html"))) {
      throw new IOException(dir + " has no index.html: is it the web app's directory?");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .map(dir::relativize)
          .filter(relative -> Stream.iterate(relative, java.util.Objects::nonNull, Path::getParent)
              .noneMatch(part -> part.getFileName().toString().startsWith(".")))
          .map(relative -> relative.toString().replace(java.io.File.separatorChar, '/'))
          .filter(key -> !key.equals(CONFIG))
          .sorted(Comparator.comparing((String key) -> key.equals("index.html")).thenComparing(Comparator.naturalOrder()))
          .map(key -> new WebAppFile(key, dir.resolve(key), contentType(key), BRIEFLY))
          .toList();
    }
  }

  static String contentType(String key) {
    int dot = key.lastIndexOf('.');
    String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }

  /**
   * The config.js of the hosted app: the API at the page's own origin (an empty base URL), and the
   * provider it signs in with.
   */
  static String configJs(String stack, StackOutputs outputs) {
    Map<String, Object> auth = new LinkedHashMap<>();
    auth.put("issuer", outputs.issuer());
    auth.put("clientId", outputs.clientId());
    auth.put("scope", SCOPE);
    outputs.signOutUrl().ifPresent(url -> auth.put("logoutUrl", url));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiBaseUrl", "");
    config.put("auth", auth);
    try {
      return "// Written by concert-ops.jar publish from the outputs of stack " + stack + ": the app and the API share\n"
          + "// this origin, and the app signs in with the provider below. Publish again after a deploy.\n"
          + "window.CONCERT_CONFIG = " + new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(config)
          + ";\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and maps always serialize", e);
    }
  }
}
