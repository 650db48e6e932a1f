package dev.ticketing.local.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker itself: it accepts what the document allows and refuses each kind of drift. */
class OpenApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // A private instance: these checks must not count as exercising the real operations.
  private final OpenApiContract contract = OpenApiContract.load(ProjectFiles.findUpwards(Path.of("openapi.yaml")).orElseThrow());

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUv0123";
  private static final String RECEIPT = "ReCeIpTrEcEiPtReCeIpT0";

  @Test
  void finds_operations_by_template_or_concrete_path() {
    assertThat(contract.operation("GET", "/concerts/c-1/schedules/s-1/seats")).get()
        .extracting(OpenApiContract.Operation::key).isEqualTo("GET /concerts/{concertId}/schedules/{scheduleId}/seats");
    assertThat(contract.operation("get", "/concerts/{concertId}/schedules")).get()
        .extracting(OpenApiContract.Operation::key).isEqualTo("GET /concerts/{concertId}/schedules");
    assertThat(contract.operation("POST", "/concerts/x/queue/tokens")).get()
        .extracting(OpenApiContract.Operation::key).isEqualTo("POST /concerts/{concertId}/queue/tokens");
    assertThat(contract.operation("GET", "/users/me/balance?x=1")).get()
        .extracting(OpenApiContract.Operation::key).isEqualTo("GET /users/me/balance");
    assertThat(contract.operation("DELETE", "/concerts")).isEmpty();
    assertThat(contract.operation("GET", "/concerts/x/y/z/w")).isEmpty();
    assertThat(contract.operation("GET", "/reservations/a/b")).isEmpty();
  }

  @Test
  void accepts_documented_responses_and_records_them_as_exercised() {
    contract.check("GET", "/concerts?limit=1", 200, "application/json", Map.of("Cache-Control", List.of("public, max-age=5")),
        json("{'concerts':[{'concertId':'winter-gala','title':'T','artist':'A','venue':'V','saleOpensAt':null,"
            + "'saleState':'OPEN','drawCommitment':null,'drawSeed':null}],'nextCursor':null}"));
    contract.check("POST", "/concerts/winter-gala/queue/tokens", 201, json(
        "{'token':'" + TOKEN + "','receiptId':'" + RECEIPT + "','concertId':'winter-gala','status':'WAITING','position':null,"
            + "'estimatedWaitSeconds':null,'pollAfterSeconds':2,'saleState':'OPEN','preQueue':false,'activeUntil':null}"));
    contract.check("GET", "/queue/status", 200, json(
        "{'token':'" + TOKEN + "','receiptId':'" + RECEIPT + "','concertId':'winter-gala','status':'ACTIVE','position':0,"
            + "'estimatedWaitSeconds':0,'pollAfterSeconds':2,'saleState':'OPEN','preQueue':false,"
            + "'activeUntil':'2026-12-24T10:00:00.123Z'}"));
    contract.check("GET", "/users/me/balance", 401, "application/json", Map.of(), json("{'message':'Unauthorized'}"));
    contract.check("GET", "/users/me/balance", 503, "application/problem+json", Map.of("Retry-After", List.of("1")), json(
        "{'type':'/problems/unavailable','title':'Service unavailable','status':503,'detail':'busy','code':'UNAVAILABLE'}"));
    assertThat(contract.exercised()).containsExactly(
        "GET /concerts", "GET /queue/status", "GET /users/me/balance", "POST /concerts/{concertId}/queue/tokens");
  }

  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final String CONCERT = "{'concertId':'c1','title':'T','artist':'A','venue':'V','saleOpensAt':%s,"
      + "'saleState':'%s','drawCommitment':%s,'drawSeed':%s}";
  private static final Map<String, List<String>> LIST_CACHE = Map.of("Cache-Control", List.of("public, max-age=5"));
  private static final Map<String, List<String>> DRAW_CACHE = Map.of("Cache-Control", List.of("public, max-age=60"));
  private static final String DRAW = "{'concertId':'c1','drawSeed':%s,'entries':[{'receiptId':'" + RECEIPT + "','hmac':%s}],"
      + "'nextCursor':null}";

  private static JsonNode concerts(String... concerts) {
    return json("{'concerts':[" + String.join(",", concerts) + "],'nextCursor':null}");
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }

  @Test
  void accepts_the_responses_of_a_sales_life() {
    contract.check("GET", "/concerts", 200, "application/json", LIST_CACHE, concerts(
        CONCERT.formatted("'2026-12-01T03:00:00Z'", "UPCOMING", quoted(HEX), "null"),
        CONCERT.formatted("'2026-12-01T03:00:00Z'", "SOLD_OUT", quoted(HEX), quoted(HEX)),
        CONCERT.formatted("null", "CLOSED", "null", "null")));
    contract.check("GET", "/concerts/c1/queue/draw", 200, "application/json", DRAW_CACHE,
        json(DRAW.formatted(quoted(HEX), quoted(HEX))));
    contract.check("GET", "/concerts/c1/queue/draw", 409, json(
        "{'type':'/problems/draw-not-open','title':'t','status':409,'detail':'d','code':'DRAW_NOT_OPEN'}"));
    contract.check("POST", "/concerts/c1/queue/tokens", 409, json(
        "{'type':'/problems/sale-closed','title':'t','status':409,'detail':'d','code':'SALE_CLOSED','saleState':'CLOSED'}"));
    contract.check("GET", "/queue/status", 200, json("{'token':'" + TOKEN + "','receiptId':'" + RECEIPT + "','concertId':'c1',"
        + "'status':'CLOSED','position':null,'estimatedWaitSeconds':null,'pollAfterSeconds':60,'saleState':'CLOSED',"
        + "'preQueue':false,'activeUntil':null}"));
    contract.check("POST", "/concerts/c1/queue/tokens", 201, json("{'token':'" + TOKEN + "','receiptId':'" + RECEIPT + "',"
        + "'concertId':'c1','status':'WAITING','position':null,'estimatedWaitSeconds':null,'pollAfterSeconds':60,"
        + "'saleState':'UPCOMING','preQueue':true,'activeUntil':null}"));
    assertThat(contract.exercised()).containsExactly("GET /concerts", "GET /concerts/{concertId}/queue/draw",
        "GET /queue/status", "POST /concerts/{concertId}/queue/tokens");
  }

  @Test
  void refuses_concerts_whose_sale_or_draw_fields_drift() {
    assertThatThrownBy(() -> contract.check("GET", "/concerts", 200, "application/json", LIST_CACHE,
        concerts("{'concertId':'c1','title':'T','artist':'A','venue':'V','saleOpensAt':null,'saleState':'OPEN',"
            + "'drawCommitment':'" + HEX + "'}")))
        .as("drawSeed left out").isInstanceOf(AssertionError.class).hasMessageContaining("drawSeed");
    assertThatThrownBy(() -> contract.check("GET", "/concerts", 200, "application/json", LIST_CACHE,
        concerts(CONCERT.formatted("null", "OPEN", quoted(HEX.toUpperCase(java.util.Locale.ROOT)), "null"))))
        .as("uppercase hex").isInstanceOf(AssertionError.class).hasMessageContaining("drawCommitment");
    assertThatThrownBy(() -> contract.check("GET", "/concerts", 200, "application/json", LIST_CACHE,
        concerts(CONCERT.formatted("null", "OPEN", quoted(HEX), quoted(HEX.substring(2))))))
        .as("31 bytes").isInstanceOf(AssertionError.class).hasMessageContaining("drawSeed");
    assertThatThrownBy(() -> contract.check("GET", "/concerts", 200, "application/json", LIST_CACHE,
        concerts(CONCERT.formatted("null", "SOLDOUT", quoted(HEX), "null"))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("saleState");
    assertThatThrownBy(() -> contract.check("GET", "/concerts", 200, "application/json", LIST_CACHE,
        concerts(CONCERT.formatted("'2026-12-01 03:00'", "UPCOMING", quoted(HEX), "null"))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("saleOpensAt");
  }

  @Test
  void refuses_a_draw_that_drifts_from_its_schema_or_comes_without_its_cache_header() {
    assertThatThrownBy(() -> contract.check("GET", "/concerts/c1/queue/draw", 200, "application/json", DRAW_CACHE,
        json(DRAW.formatted("null", quoted(HEX)))))
        .as("a draw always names its seed").isInstanceOf(AssertionError.class).hasMessageContaining("drawSeed");
    assertThatThrownBy(() -> contract.check("GET", "/concerts/c1/queue/draw", 200, "application/json", DRAW_CACHE,
        json(DRAW.formatted(quoted(HEX), quoted(HEX.substring(1))))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("hmac");
    assertThatThrownBy(() -> contract.check("GET", "/concerts/c1/queue/draw", 200, "application/json", Map.of(),
        json(DRAW.formatted(quoted(HEX), quoted(HEX)))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Cache-Control");
    assertThatThrownBy(() -> contract.check("GET", "/concerts/c1/queue/draw", 409, json(
        "{'type':'/problems/x','title':'t','status':409,'detail':'d','code':'DRAW_CLOSED'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("code");
  }

  @Test
  void refuses_a_closed_token_from_a_join_and_a_sale_closed_problem_with_an_unknown_state() {
    assertThatThrownBy(() -> contract.check("POST", "/concerts/c1/queue/tokens", 201, json("{'token':'" + TOKEN + "',"
        + "'receiptId':'" + RECEIPT + "','concertId':'c1','status':'CLOSED','position':null,'estimatedWaitSeconds':null,"
        + "'pollAfterSeconds':60,'saleState':'CLOSED','preQueue':false,'activeUntil':null}")))
        .as("a join never issues a CLOSED token").isInstanceOf(AssertionError.class).hasMessageContaining("status");
    assertThatThrownBy(() -> contract.check("POST", "/concerts/c1/queue/tokens", 409, json(
        "{'type':'/problems/sale-closed','title':'t','status':409,'detail':'d','code':'SALE_CLOSED','saleState':'ENDED'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("saleState");
  }

  @Test
  void refuses_an_undocumented_status() {
    assertThatThrownBy(() -> contract.check("GET", "/concerts", 409, json(
        "{'type':'/problems/seat-unavailable','title':'t','status':409,'detail':'d','code':'SEAT_UNAVAILABLE'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("GET /concerts -> 409: status not documented");
  }

  @Test
  void refuses_an_undocumented_operation() {
    assertThatThrownBy(() -> contract.check("DELETE", "/concerts", 200, json("{}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("not an operation");
  }

  @Test
  void refuses_a_field_the_schema_does_not_have() {
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 200,
        json("{'userId':'u1','balance':0,'currency':'KRW'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("currency");
  }

  @Test
  void refuses_a_missing_field_a_wrong_type_and_money_with_decimals() {
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 200, json("{'userId':'u1'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("balance");
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 200, json("{'userId':'u1','balance':'100'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("balance");
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 200, json("{'userId':'u1','balance':100.5}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("balance");
  }

  @Test
  void refuses_instants_that_are_not_utc_iso_strings() {
    String payment = "{'paymentId':'p1','reservationId':'r1','userId':'u1','amount':90000,'paidAt':'%s',"
        + "'concertId':'c1','scheduleId':'s1','seatNos':[7]}";
    contract.check("POST", "/payments", 201, json(payment.formatted("2026-12-24T10:00:00Z")));
    for (String bad : List.of("2026-12-24T10:00:00+09:00", "2026-12-24 10:00:00", "1766570400", "2026-13-24T10:00:00Z")) {
      assertThatThrownBy(() -> contract.check("POST", "/payments", 201, json(payment.formatted(bad))))
          .as(bad).isInstanceOf(AssertionError.class).hasMessageContaining("paidAt");
    }
  }

  @Test
  void refuses_queue_states_the_contract_rules_out() {
    String token = "{'token':'" + TOKEN + "','receiptId':'" + RECEIPT + "','concertId':'c1','status':'%s','position':%d,"
        + "'estimatedWaitSeconds':5,'pollAfterSeconds':2,'saleState':'OPEN','preQueue':false,'activeUntil':%s}";
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200, json(token.formatted("ACTIVE", 3, "'2026-12-24T10:00:00Z'"))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("position");
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200, json(token.formatted("WAITING", 2, "'2026-12-24T10:00:00Z'"))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("activeUntil");
    assertThatThrownBy(() -> contract.check("POST", "/concerts/c1/queue/tokens", 201, json(token.formatted("EXPIRED", 0, "null"))))
        .isInstanceOf(AssertionError.class).hasMessageContaining("status");
    String placedWithoutWait = token.formatted("WAITING", 4, "null").replace("'estimatedWaitSeconds':5", "'estimatedWaitSeconds':null");
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200, json(placedWithoutWait)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("estimatedWaitSeconds");
    String lateAsking = token.formatted("WAITING", 4, "null").replace("'pollAfterSeconds':2", "'pollAfterSeconds':61");
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200, json(lateAsking)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("pollAfterSeconds");
    contract.check("GET", "/queue/status", 200, json(token.formatted("WAITING", 4, "null")));
  }

  @Test
  void refuses_a_token_without_pre_queue_or_in_the_pre_queue_with_a_place() {
    String token = "{'token':'" + TOKEN + "','receiptId':'" + RECEIPT + "','concertId':'c1','status':'%s','position':%s,"
        + "'estimatedWaitSeconds':%s,'pollAfterSeconds':30,'saleState':'UPCOMING',%s'activeUntil':%s}";
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200, json(token.formatted("WAITING", "null", "null", "", "null"))))
        .as("preQueue left out").isInstanceOf(AssertionError.class).hasMessageContaining("preQueue");
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200,
        json(token.formatted("WAITING", "3", "9", "'preQueue':true,", "null"))))
        .as("the draw has placed it").isInstanceOf(AssertionError.class).hasMessageContaining("position");
    assertThatThrownBy(() -> contract.check("GET", "/queue/status", 200,
        json(token.formatted("ACTIVE", "0", "0", "'preQueue':true,", "'2026-12-24T10:00:00Z'"))))
        .as("admitted").isInstanceOf(AssertionError.class).hasMessageContaining("status");
    contract.check("GET", "/queue/status", 200, json(token.formatted("WAITING", "null", "null", "'preQueue':true,", "null")));
    contract.check("GET", "/queue/status", 200, json(token.formatted("WAITING", "null", "null", "'preQueue':false,", "null")));
  }

  @Test
  void refuses_a_seat_map_without_exactly_fifty_seats() {
    assertThatThrownBy(() -> contract.check("GET", "/concerts/c1/schedules/s1/seats", 200,
        json("{'scheduleId':'s1','seats':[{'seatNo':1,'status':'AVAILABLE','price':1000}]}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("seats");
  }

  @Test
  void refuses_a_problem_whose_code_belongs_to_another_status_or_is_unknown() {
    assertThatThrownBy(() -> contract.check("POST", "/reservations", 409, json(
        "{'type':'/problems/x','title':'t','status':409,'detail':'d','code':'TOKEN_EXPIRED'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("code");
    assertThatThrownBy(() -> contract.check("POST", "/reservations", 409, json(
        "{'type':'/problems/x','title':'t','status':409,'detail':'d','code':'SEAT_TAKEN'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("code");
    assertThatThrownBy(() -> contract.check("POST", "/reservations", 409, json(
        "{'type':'/problems/x','title':'t','status':400,'detail':'d','code':'SEAT_UNAVAILABLE'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("status");
  }

  @Test
  void refuses_an_undocumented_content_type_and_a_missing_required_header() {
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 200, "text/plain", Map.of(), json("{'userId':'u1','balance':0}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("content type 'text/plain' not documented");
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 503, "application/problem+json", Map.of(), json(
        "{'type':'/problems/unavailable','title':'t','status':503,'detail':'d','code':'UNAVAILABLE'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Retry-After");
    assertThatThrownBy(() -> contract.check("GET", "/users/me/balance", 500, "application/json", Map.of(), json("{'message':'x'}")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("not documented");
  }
}
