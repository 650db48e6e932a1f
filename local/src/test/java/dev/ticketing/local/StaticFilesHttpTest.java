package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The local extras: the web app at / and openapi.yaml, served from the files packaged on the classpath. */
@ExtendWith(DynamoDbExtension.class)
class StaticFilesHttpTest {
  private static final Path ROOT = ProjectFiles.findUpwards(Path.of("openapi.yaml")).orElseThrow().getParent();

  @Test
  void serves_the_web_app_with_every_file_its_page_references(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      LocalHttp.Reply page = http.get("/", Map.of());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
      assertThat(page.raw().body()).isEqualTo(Files.readString(ROOT.resolve("webapp/index.html")));
      assertThat(page.raw().headers().firstValue("x-content-type-options")).contains("nosniff");

      List<String> references = localReferences(page.raw().body());
      assertThat(references).contains("messages.js", "signin.js", "app.js", "app.css", "config.js", "openapi.yaml");
      for (String reference : references) {
        LocalHttp.Reply file = http.get("/" + reference, Map.of());
        assertThat(file.status()).as(reference).isEqualTo(200);
        if (reference.equals("config.js")) {
          // The runtime writes this run's settings (the issuer it trusts); webapp/config.js is the deployment template.
          assertThat(file.contentType()).isEqualTo("text/javascript; charset=utf-8");
          assertThat(file.raw().body()).startsWith("// Written by the local runtime").contains("window.CONCERT_CONFIG = {")
              .contains("\"issuer\":\"http://localhost:" + http.runtime.port() + "/dev-issuer\"");
          continue;
        }
        Path source = reference.equals("openapi.yaml") ? ROOT.resolve("openapi.yaml") : ROOT.resolve("webapp").resolve(reference);
        assertThat(file.raw().body()).as(reference + " is the repository's file").isEqualTo(Files.readString(source));
      }
      assertThat(http.get("/app.js", Map.of()).contentType()).isEqualTo("text/javascript; charset=utf-8");
      assertThat(http.get("/app.css", Map.of()).contentType()).isEqualTo("text/css; charset=utf-8");
      assertThat(http.get("/index.html", Map.of()).raw().body()).isEqualTo(page.raw().body());
    }
  }

  @Test
  void serves_the_openapi_document_as_yaml(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      LocalHttp.Reply reply = http.get("/openapi.yaml", Map.of());
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.contentType()).isEqualTo("application/yaml");
      assertThat(reply.raw().body()).isEqualTo(Files.readString(ROOT.resolve("openapi.yaml"))).contains("openapi: 3.1");
    }
  }

  @Test
  void nothing_outside_the_packaged_files_is_served(TestTable table) throws Exception {
    try (LocalHttp http = LocalHttp.start(table, Map.of())) {
      List<String> paths = List.of(
          "/nope.js", "/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/%2e%2e%2ftemplate.yaml",
          "/template.yaml", "/pom.xml", "/public/app.js", "/webapp/app.js", "/app.js/", "/app.js/x",
          "/.gitignore", "/app", "/dev/ticketing/local/LocalRuntime.class", "/LocalRuntime.class",
          "/META-INF/MANIFEST.MF", "/index.html%00.js", "/app.js%2f..%2f..%2fpom.xml");
      for (String path : paths) {
        LocalHttp.Reply reply = http.get(path, Map.of());
        assertThat(reply.status()).as(path).isEqualTo(404);
        assertThat(reply.contentType()).as(path).isEqualTo("application/problem+json");
        assertThat(reply.body().get("code").asText()).as(path).isEqualTo("ROUTE_NOT_FOUND");
      }
      // Only GET: other methods on a file's path are unknown routes, as before.
      for (String method : List.of("POST", "PUT", "DELETE")) {
        LocalHttp.Reply reply = http.send(method, "/app.js", Map.of(), "x");
        assertThat(reply.status()).as(method).isEqualTo(404);
        assertThat(reply.body().get("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
      }
    }
  }

  @Test
  void looks_up_single_names_of_known_types_under_public_only(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("public/sub"));
    Files.writeString(dir.resolve("public/index.html"), "<p>home</p>");
    Files.writeString(dir.resolve("public/app.js"), "ok()");
    Files.writeString(dir.resolve("public/notes.md"), "# not a known type");
    Files.writeString(dir.resolve("public/sub/deep.js"), "deep()");
    Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.writeString(dir.resolve("public/.hidden.js"), "hidden()");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      StaticFiles files = new StaticFiles(loader);
      assertThat(body(files, "/")).isEqualTo("<p>home</p>");
      assertThat(body(files, "/app.js")).isEqualTo("ok()");
      assertThat(files.has("/app.js")).isTrue();
      for (String path : List.of("/secret.txt", "/../secret.txt", "/public/../secret.txt", "/sub/deep.js",
          "/notes.md", "/.hidden.js", "/missing.js", "", "app.js")) {
        assertThat(files.serve("GET", path)).as(path).isEmpty();
        assertThat(files.has(path)).as(path).isFalse();
      }
      assertThat(files.serve("HEAD", "/app.js")).isEmpty();
      assertThat(files.serve("GET", null)).isEmpty();
    }
  }

  private static String body(StaticFiles files, String path) {
    return new String(Base64.getDecoder().decode(files.serve("GET", path).orElseThrow().body()), StandardCharsets.UTF_8);
  }

  /** The page's own src/href targets: not absolute URLs, fragments or data: URIs. */
  private static List<String> localReferences(String html) {
    List<String> references = new ArrayList<>();
    Matcher matcher = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    while (matcher.find()) {
      String target = matcher.group(1);
      if (!target.startsWith("#") && !target.contains(":") && !target.startsWith("/")) {
        references.add(target);
      }
    }
    return references;
  }
}
