package dev.ticketing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.domain.Ids;
import dev.ticketing.domain.Refused;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.wallet.IdempotencyKey;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {

  /** A body shape like the later endpoints': ids, a bounded integer, a long amount. */
  record SampleBody(String concertId, Integer seatNo, Long amount) {
    SampleBody {
      Ids.require("concertId", concertId);
      if (seatNo == null) {
        throw Refused.invalid("seatNo", "is required");
      }
      if (seatNo < 1 || seatNo > 50) {
        throw Refused.invalid("seatNo", "must be from 1 to 50");
      }
    }
  }

  private static HttpRequest request(String body) {
    return new HttpRequest(ApiGatewayEvents.request("POST", "/sample").user("alice").body(body).build(), JsonMapper.create());
  }

  @Test
  void binds_a_valid_body() {
    assertThat(request("{\"concertId\":\"c-1\",\"seatNo\":7,\"amount\":500}").body(SampleBody.class))
        .isEqualTo(new SampleBody("c-1", 7, 500L));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"concertId\":\"c\",\"seatNo\":7,\"extra\":1}        | extra",
      "{\"concertId\":\"c\",\"seatNo\":\"7\"}                | seatNo",
      "{\"concertId\":\"c\",\"seatNo\":1.5}                  | seatNo",
      "{\"concertId\":7,\"seatNo\":7}                        | concertId",
      "{\"concertId\":\"c\",\"seatNo\":0}                    | seatNo",
      "{\"concertId\":\"c\",\"seatNo\":51}                   | seatNo",
      "{\"concertId\":\"c\"}                                 | seatNo",
      "{\"concertId\":\"c d\",\"seatNo\":1}                  | concertId",
      "{\"concertId\":\"c\",\"seatNo\":1,\"amount\":9223372036854775808} | amount",
      "{\"concertId\":\"c\",\"seatNo\":1                     | body",
      "[1,2]                                                 | body",
      "null                                                  | body",
      "{\"concertId\":\"c\",\"seatNo\":1} trailing           | body",
  })
  void refuses_bad_bodies_naming_the_field(String body, String field) {
    assertThatThrownBy(() -> request(body).body(SampleBody.class))
        .isInstanceOfSatisfying(Refused.class, e -> {
          assertThat(Refusals.codeOf(e.refusal())).isEqualTo(ErrorCode.VALIDATION_FAILED);
          assertThat(e.getMessage()).startsWith(field + ":");
        });
  }

  @Test
  void refuses_an_empty_body() {
    assertThatThrownBy(() -> request("").body(SampleBody.class))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.getMessage()).startsWith("body:"));
  }

  @Test
  void refuses_an_oversized_body_with_413() {
    String big = "{\"concertId\":\"" + "a".repeat(70_000) + "\"}";
    assertThatThrownBy(() -> request(big).body(SampleBody.class))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
  }

  @Test
  void refuses_a_non_json_media_type_with_415() {
    HttpRequest form = new HttpRequest(ApiGatewayEvents.request("POST", "/sample").user("alice")
        .header("content-type", "application/x-www-form-urlencoded").body("a=b").build(), JsonMapper.create());
    assertThatThrownBy(() -> form.body(SampleBody.class))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
  }

  @Test
  void decodes_a_base64_body() {
    String json = "{\"concertId\":\"c-1\",\"seatNo\":7}";
    ApiGatewayRequest event = ApiGatewayEvents.request("POST", "/sample").user("alice").body(json).build();
    ApiGatewayRequest encoded = new ApiGatewayRequest(event.version(), event.routeKey(), event.rawPath(), "", null,
        event.headers(), null, null, event.requestContext(), Base64.getEncoder().encodeToString(json.getBytes()), true);
    assertThat(new HttpRequest(encoded, JsonMapper.create()).body(SampleBody.class).seatNo()).isEqualTo(7);
  }

  @Test
  void identity_comes_from_the_jwt_sub_claim() {
    assertThat(userIdOf("user_1.a-b")).isEqualTo("user_1.a-b");
    assertThatThrownBy(() -> new HttpRequest(ApiGatewayEvents.request("GET", "/x").build(), JsonMapper.create()).userId())
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  /** The sub claims of real providers, and every printable ASCII character but the space. */
  @ParameterizedTest
  @ValueSource(strings = {"3f1c2a9e-7b4d-4e8a-9c1f-2d6b5a4e8f01", "auth0|5fe4c2a1b3d4e5f6a7b8c9d0",
      "google-oauth2|109876543210987654321", "a#b", "a|b", "urn:example:a", "a/b/../c", "%23", "\"a\\b\"",
      "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"})
  void accepts_the_sub_claims_of_openid_connect_providers(String sub) {
    assertThat(userIdOf(sub)).isEqualTo(sub);
  }

  @Test
  void accepts_255_characters_and_refuses_256() {
    assertThat(userIdOf("u".repeat(255))).hasSize(255);
    assertRefused("u".repeat(256));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", " a", "a\tb", "a\u007Fb", "a\u0000b", "사용자", "user-\uD83C\uDFAB", "caf\u00E9"})
  void refuses_spaces_control_characters_and_anything_beyond_ascii(String sub) {
    assertRefused(sub);
  }

  private static String userIdOf(String sub) {
    return new HttpRequest(ApiGatewayEvents.request("GET", "/x").user(sub).build(), JsonMapper.create()).userId();
  }

  private static void assertRefused(String sub) {
    assertThatThrownBy(() -> userIdOf(sub)).isInstanceOfSatisfying(Refused.class, e -> {
      assertThat(Refusals.codeOf(e.refusal())).isEqualTo(ErrorCode.VALIDATION_FAILED);
      assertThat(e.getMessage()).startsWith("userId:").contains("1-255 printable ASCII characters without spaces");
    });
  }

  @ParameterizedTest
  @CsvSource({"0", "101", "-1", "abc", "1.5", "99999999999"})
  void refuses_limits_outside_1_to_100(String limit) {
    HttpRequest request = new HttpRequest(ApiGatewayEvents.request("GET", "/x").query("limit", limit).build(), JsonMapper.create());
    assertThatThrownBy(() -> request.page(Ids::isValid))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.getMessage()).startsWith("limit:"));
  }

  @Test
  void pages_default_to_20_and_decode_their_cursor() {
    HttpRequest plain = new HttpRequest(ApiGatewayEvents.request("GET", "/x").build(), JsonMapper.create());
    assertThat(plain.page(Ids::isValid).limit()).isEqualTo(20);
    String cursor = dev.ticketing.paging.Cursors.encode("concert-9");
    HttpRequest next = new HttpRequest(ApiGatewayEvents.request("GET", "/x").query("cursor", cursor).build(), JsonMapper.create());
    assertThat(next.page(Ids::isValid).after()).isEqualTo(Optional.of("concert-9"));
  }

  /** The edge reads the token header into the domain's value; what is not a token is no token, which the gate refuses. */
  @Test
  void the_queue_token_header_becomes_a_token_or_none() {
    QueueTokenId token = QueueTokenId.generate("winter-gala", "alice");
    assertThat(withHeader("X-Queue-Token", token.value()).queueToken()).contains(token);
    assertThat(withHeader("x-queue-token", token.value()).queueToken()).as("header names are case-insensitive").contains(token);
    assertThat(new HttpRequest(ApiGatewayEvents.request("GET", "/x").build(), JsonMapper.create()).queueToken()).isEmpty();
    assertThat(withHeader("X-Queue-Token", "winter-gala.nope").queueToken()).isEmpty();
    assertThat(withHeader("X-Queue-Token", token.value() + "," + token.value()).queueToken())
        .as("sent twice (API Gateway joins the values), it is no one token").isEmpty();
  }

  /** The client's key, else the request's id; a bad key is refused naming the header, as docs/api.md names it. */
  @Test
  void the_idempotency_key_header_becomes_the_charge_s_key() {
    assertThat(withHeader("Idempotency-Key", "top-up 1").idempotencyKey())
        .isEqualTo(IdempotencyKey.chosen("top-up 1").orElseThrow());
    HttpRequest none = new HttpRequest(ApiGatewayEvents.request("POST", "/x").requestId("req-7").build(), JsonMapper.create());
    assertThat(none.idempotencyKey()).isEqualTo(IdempotencyKey.ofRequest("req-7"));
    for (String bad : new String[] {"", "x".repeat(129), "tab\there", "한글"}) {
      assertThatThrownBy(() -> withHeader("Idempotency-Key", bad).idempotencyKey())
          .isInstanceOfSatisfying(Refused.class, e -> {
            assertThat(Refusals.codeOf(e.refusal())).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.detail()).isEqualTo("Idempotency-Key: must be 1-128 printable ASCII characters");
          });
    }
  }

  private static HttpRequest withHeader(String name, String value) {
    return new HttpRequest(ApiGatewayEvents.request("GET", "/x").header(name, value).build(), JsonMapper.create());
  }
}
