package dev.ticketing.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.config.Settings;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under SnapStart, Lambda hands a function its credentials through the container credentials
 * endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} + {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}),
 * not through {@code AWS_ACCESS_KEY_ID}. A fresh JVM whose environment holds only those variables,
 * the region, the table and the endpoint builds the production client and makes a request: the
 * credentials endpoint this test serves must be asked with the token, and the request must reach
 * the engine signed with the key it handed out.
 */
@ExtendWith(DynamoDbExtension.class)
class ProductionClientCredentialsTest {
  private static final String AUTHORIZATION_TOKEN = "container-token-3f9a";
  private static final String ACCESS_KEY = "ASIACONTAINERKEY0001";
  private static final String SESSION_TOKEN = "container-session-token";

  @Test
  void signs_with_the_container_credentials_lambda_provides(TestTable table, @TempDir Path home) throws Exception {
    List<String> credentialRequests = new CopyOnWriteArrayList<>();
    List<Map<String, String>> engineRequests = new CopyOnWriteArrayList<>();
    HttpServer credentials = server();
    credentials.createContext("/credentials", exchange -> {
      credentialRequests.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String body = "{\"AccessKeyId\":\"" + ACCESS_KEY + "\",\"SecretAccessKey\":\"container-secret\",\"Token\":\""
          + SESSION_TOKEN + "\",\"Expiration\":\"" + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}";
      respond(exchange, 200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    });
    HttpServer proxy = server();
    HttpClient forwarder = HttpClient.newHttpClient();
    proxy.createContext("/", exchange -> {
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      engineRequests.add(headers);
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder forward = HttpRequest.newBuilder(table.endpoint().resolve(exchange.getRequestURI().getRawPath()))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach((name, value) -> {
        if (!Set.of("host", "content-length", "connection", "expect").contains(name.toLowerCase(Locale.ROOT))) {
          forward.header(name, value);
        }
      });
      try {
        HttpResponse<byte[]> answer = forwarder.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        respond(exchange, answer.statusCode(), Map.of("Content-Type", "application/x-amz-json-1.0"), answer.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      Map<String, String> environment = Map.of(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTHORIZATION_TOKEN,
          "AWS_REGION", "ap-northeast-2",
          "TABLE_NAME", table.name(),
          // The SDK's own endpoint setting: DYNAMODB_ENDPOINT would select the local-engine path.
          "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + proxy.getAddress().getPort());
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder child = new ProcessBuilder(java.toString(),
          // No shared credentials or config file may stand in for the container endpoint.
          "-Daws.sharedCredentialsFile=" + home.resolve("none-credentials"), "-Daws.configFile=" + home.resolve("none-config"),
          "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
          .redirectErrorStream(true);
      child.environment().clear();
      child.environment().putAll(environment);
      Process process = child.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(process.exitValue()).as("the child JVM's output:%n%s", output).isZero();
      assertThat(output).contains("probe-item-found=false");
      assertThat(credentialRequests).as("the container credentials endpoint was asked with the token")
          .isNotEmpty().allMatch(AUTHORIZATION_TOKEN::equals);
      assertThat(engineRequests).as("requests that reached the engine").isNotEmpty().allSatisfy(headers -> {
        assertThat(headers.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/");
        assertThat(headers.get("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
      });
    } finally {
      credentials.stop(0);
      proxy.stop(0);
    }
  }

  private static HttpServer server() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.start();
    return server;
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The child JVM: the production client, built from the environment as a function builds it, reads one key. */
  public static final class Probe {
    public static void main(String[] args) {
      Settings settings = Settings.fromEnvironment(System.getenv());
      try (var client = DynamoDbClients.create(settings)) {
        var item = client.getItem(r -> r.tableName(settings.tableName()).key(Items.key("PROBE#1", "PROBE")).consistentRead(true));
        System.out.println("probe-item-found=" + item.hasItem());
      }
    }
  }
}
