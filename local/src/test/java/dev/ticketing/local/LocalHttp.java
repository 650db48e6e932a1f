package dev.ticketing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.junit.TestTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A local runtime on a test table, and a small HTTP client for it over a real socket. */
final class LocalHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final LocalRuntime runtime;

  record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

  private LocalHttp(LocalRuntime runtime) {
    this.runtime = runtime;
  }

  /** A runtime on the run's engine, serving the given test table, with extra environment. */
  static LocalHttp start(TestTable table, Map<String, String> extraEnvironment) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put("PORT", "0");
    env.put("DYNAMODB_ENDPOINT", table.endpoint().toString());
    env.put("TABLE_NAME", table.name());
    return new LocalHttp(LocalRuntime.start(env, true));
  }

  Reply send(String method, String path, Map<String, String> headers, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUri() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String contentType = response.headers().firstValue("content-type").orElse("");
    JsonNode parsed = response.body().isEmpty() || !contentType.contains("json") ? null : JSON.readTree(response.body());
    return new Reply(response.statusCode(), contentType, parsed, response);
  }

  Reply get(String path, Map<String, String> headers) throws IOException, InterruptedException {
    return send("GET", path, headers, null);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
