package dev.ticketing.ops.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.ops.publish.WebAppFiles.WebAppFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What publish uploads, without AWS: the files' headers and order, and the hosted app's config.js. */
class WebAppFilesTest {
  private static final StackOutputs OUTPUTS = new StackOutputs("https://d1234.cloudfront.net", "bucket-1", "E123",
      "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc", "client-1",
      Optional.of("ap-northeast-2_abc"), Optional.of("https://shop-1.auth.ap-northeast-2.amazoncognito.com/logout"));

  @Test
  void config_js_names_the_same_origin_api_and_the_stacks_sign_in() throws IOException {
    JsonNode config = configOf(WebAppFiles.configJs("shop", OUTPUTS));
    assertThat(config.get("apiBaseUrl").asText()).as("the API at the page's own origin").isEmpty();
    JsonNode auth = config.get("auth");
    assertThat(auth.get("issuer").asText()).isEqualTo(OUTPUTS.issuer());
    assertThat(auth.get("clientId").asText()).isEqualTo("client-1");
    assertThat(auth.get("scope").asText()).isEqualTo("openid profile email");
    assertThat(auth.get("logoutUrl").asText()).isEqualTo("https://shop-1.auth.ap-northeast-2.amazoncognito.com/logout");

    StackOutputs otherProvider = new StackOutputs(OUTPUTS.appUrl(), "b", "E", "https://login.example.com/", "c",
        Optional.empty(), Optional.empty());
    assertThat(configOf(WebAppFiles.configJs("shop", otherProvider)).get("auth").has("logoutUrl"))
        .as("no sign-out URL is guessed for a provider of one's own").isFalse();
  }

  @Test
  void every_file_of_the_web_app_has_its_type_and_a_short_cache_and_index_html_goes_last() throws IOException {
    Path webapp = ProjectFiles.findUpwards(Path.of("webapp")).orElseThrow();
    List<WebAppFile> files = WebAppFiles.in(webapp);
    assertThat(files).extracting(WebAppFile::key).contains("app.js", "app.css", "openapi.yaml").doesNotContain("config.js")
        .last().isEqualTo("index.html");
    assertThat(files).allSatisfy(file -> {
      assertThat(file.contentType()).as(file.key()).isNotEqualTo("application/octet-stream");
      assertThat(file.cacheControl()).as(file.key()).isEqualTo("public, max-age=60");
    });
    Map<String, String> types = Map.of("index.html", "text/html; charset=utf-8", "app.js", "text/javascript; charset=utf-8",
        "app.css", "text/css; charset=utf-8", "config.js", "text/javascript; charset=utf-8", "logo.svg", "image/svg+xml",
        "site.webmanifest", "application/manifest+json", "font.WOFF2", "font/woff2", "openapi.yaml", "application/yaml", "README", "application/octet-stream");
    types.forEach((key, type) -> assertThat(WebAppFiles.contentType(key)).as(key).isEqualTo(type));
  }

  @Test
  void hidden_files_are_left_out_and_subdirectories_keep_their_paths(@TempDir Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve("webapp"));
    Files.writeString(dir.resolve("index.html"), "<!doctype html>");
    Files.writeString(dir.resolve("config.js"), "window.CONCERT_CONFIG = {};");
    Files.writeString(dir.resolve(".DS_Store"), "x");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "x");
    Files.createDirectories(dir.resolve("img"));
    Files.writeString(dir.resolve("img/seat.svg"), "<svg/>");
    assertThat(WebAppFiles.in(dir)).extracting(WebAppFile::key).containsExactly("img/seat.svg", "index.html");
  }

  @Test
  void a_directory_without_index_html_is_refused(@TempDir Path dir) {
    assertThatThrownBy(() -> WebAppFiles.in(dir)).isInstanceOf(IOException.class).hasMessageContaining("no index.html");
  }

  @Test
  void the_app_may_return_to_its_root_or_its_index_html() {
    assertThat(OUTPUTS.appPages()).containsExactly("https://d1234.cloudfront.net/", "https://d1234.cloudfront.net/index.html");
  }

  /** The object config.js assigns, read as JSON (the file is one assignment after its comments). */
  private static JsonNode configOf(String script) throws IOException {
    String prefix = "window.CONCERT_CONFIG = ";
    assertThat(script).contains(prefix).endsWith(";\n");
    String object = script.substring(script.indexOf(prefix) + prefix.length(), script.length() - 2);
    assertThat(script.substring(0, script.indexOf(prefix)).lines()).allMatch(line -> line.startsWith("//"));
    return new ObjectMapper().readTree(object);
  }
}
