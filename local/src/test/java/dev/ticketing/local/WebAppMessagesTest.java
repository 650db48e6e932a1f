package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web app's messages ({@code webapp/messages.js}) say every refusal in the fan's language: each
 * problem code of openapi.yaml, and API Gateway's own answers, in Korean and English. The table is
 * read by {@code local/src/test/browser/messages.mjs} in node (no browser), which also checks the
 * messages that depend on the situation: the ticket limit with and without a hold, amounts in KRW.
 */
class WebAppMessagesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** What API Gateway answers itself, with {"message"} and no code. */
  private static final List<String> GATEWAY = List.of("HTTP_401", "HTTP_403", "HTTP_404", "HTTP_429");

  @Test
  void every_problem_code_of_the_api_has_a_message_in_korean_and_english() throws Exception {
    JsonNode openApi = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(BrowserScript.ROOT.resolve("openapi.yaml")));
    List<String> codes = new ArrayList<>();
    openApi.at("/components/schemas/ErrorCode/enum").forEach(code -> codes.add(code.asText()));
    assertThat(codes).as("openapi.yaml's ErrorCode").contains("INSUFFICIENT_BALANCE", "TICKET_LIMIT");

    BrowserScript.Run run = BrowserScript.run("messages.mjs", Map.of(), TIMEOUT);
    run.assertSucceeded(TIMEOUT);
    List<String> lines = run.output().lines().filter(line -> !line.isBlank()).toList();
    JsonNode tables = new ObjectMapper().readTree(lines.get(lines.size() - 1));

    for (String lang : List.of("ko", "en")) {
      List<String> keys = new ArrayList<>();
      tables.path(lang).forEach(key -> keys.add(key.asText()));
      assertThat(keys).as("messages.js's " + lang + " table").containsAll(codes).containsAll(GATEWAY);
    }
  }
}
