package dev.ticketing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge's answer to a domain refusal: its problem code and status, and the facts it carries. */
class RefusalsTest {
  private final ObjectMapper json = JsonMapper.create();

  @Test
  void every_refusal_is_a_4xx_problem_of_its_own_name_except_invalid_input() {
    for (Refusal refusal : Refusal.values()) {
      ErrorCode code = Refusals.codeOf(refusal);
      assertThat(code.status()).as(refusal.name()).isBetween(400, 499);
      assertThat(code.name()).as(refusal.name())
          .isEqualTo(refusal == Refusal.INVALID_INPUT ? "VALIDATION_FAILED" : refusal.name());
    }
  }

  @Test
  void a_refusals_members_are_members_of_the_problem_body() throws Exception {
    Refused taken = new Refused(Refusal.SEAT_UNAVAILABLE, "seats 7, 8 are held or sold", Map.of("seatNos", List.of(7, 8)));

    JsonNode body = json.readTree(new HttpResponses(json).problem(Refusals.problemOf(taken)).body());

    assertThat(body.get("status").asInt()).isEqualTo(409);
    assertThat(body.get("code").asText()).isEqualTo("SEAT_UNAVAILABLE");
    assertThat(body.get("detail").asText()).isEqualTo("seats 7, 8 are held or sold");
    assertThat(body.get("seatNos")).hasSize(2);
    assertThat(body.get("seatNos").get(1).asInt()).isEqualTo(8);
  }

  @Test
  void a_refusal_without_members_has_only_the_standard_ones() throws Exception {
    JsonNode body = json.readTree(new HttpResponses(json).problem(
        Refusals.problemOf(Refused.invalid("seatNo", "is required"))).body());

    assertThat(body.fieldNames()).toIterable().containsExactly("type", "title", "status", "detail", "code");
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("detail").asText()).isEqualTo("seatNo: is required");
  }
}
