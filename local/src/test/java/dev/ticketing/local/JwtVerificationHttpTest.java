package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bearer tokens of a configured issuer ({@code JWT_ISSUER}, its keys found through its discovery
 * document), over HTTP: each way a token can fail the HTTP API's JWT authorizer is refused as it
 * refuses it (401, or 403 without the scope), and a good token is the caller whatever X-User-Id says.
 */
@ExtendWith(DynamoDbExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwtVerificationHttpTest {
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
  private static final String USER = "auth0|5fe4abc";
  private static final RSAKey KEY = TestIssuer.key("k1");
  /** A key the issuer never published: a forger's. */
  private static final RSAKey STRANGER = TestIssuer.key("stranger");
  private static MutableClock clock;
  private static TestIssuer issuer;
  private static LocalHttp http;

  @BeforeAll
  static void start(TestTable table) throws Exception {
    issuer = TestIssuer.start();
    issuer.publish(KEY);
    clock = new MutableClock(START);
    http = LocalHttp.startOnClock(table, Map.of("JWT_ISSUER", issuer.issuer(), "JWT_AUDIENCE", "concert-web, other-app"),
        clock, SmallCatalog.around(START));
  }

  @AfterAll
  static void stop() {
    http.close();
    issuer.close();
  }

  /** An access token as Cognito issues them: no aud, the client in client_id, scopes in scope. */
  private static JWTClaimsSet.Builder access() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(issuer.issuer())
        .subject(USER)
        .claim("client_id", "concert-web")
        .claim("scope", "openid profile")
        .claim("token_use", "access")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  private static LocalHttp.Reply balance(String token) throws Exception {
    return http.get("/users/me/balance", Map.of("Authorization", "Bearer " + token));
  }

  private static void refused(int status, String code, String token, String why) throws Exception {
    LocalHttp.Reply reply = balance(token);
    assertThat(reply.status()).as(why).isEqualTo(status);
    assertThat(reply.body().get("code").asText()).as(why).isEqualTo(code);
  }

  private static String signed(UnaryOperator<JWTClaimsSet.Builder> change) {
    return TestIssuer.sign(KEY, change.apply(access()).build());
  }

  @Test
  void a_good_access_token_is_the_caller_and_wins_over_x_user_id() throws Exception {
    String token = signed(claims -> claims.claim("cognito:groups", List.of("fans")));
    LocalHttp.Reply reply = balance(token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("userId").asText()).isEqualTo(USER);
    LocalHttp.Reply both = http.get("/users/me/balance", Map.of("Authorization", "Bearer " + token, "X-User-Id", "mallory"));
    assertThat(both.body().get("userId").asText()).isEqualTo(USER);
    // The token's aud, when present, is what must match; the other configured audience is accepted too.
    assertThat(balance(signed(claims -> claims.audience("other-app").claim("client_id", "someone-else"))).status())
        .isEqualTo(200);
    assertThat(http.get("/users/me/balance", Map.of("Authorization", "bearer " + token)).status())
        .as("the scheme in any case").isEqualTo(200);
    // Without the Bearer prefix API Gateway takes the token as it is.
    assertThat(http.get("/users/me/balance", Map.of("Authorization", token)).status()).isEqualTo(200);
  }

  @Test
  void every_way_a_token_fails_the_authorizer_is_refused() throws Exception {
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.expirationTime(Date.from(clock.instant()))), "expired");
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.expirationTime(null)), "no exp");
    refused(401, "UNAUTHENTICATED", TestIssuer.sign(STRANGER, "k1", access().build()),
        "signed by another key under the published kid");
    refused(401, "UNAUTHENTICATED", TestIssuer.sign(STRANGER, access().build()), "unknown kid");
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.claim("client_id", "someone-else")), "wrong client_id");
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.audience("someone-else")),
        "wrong aud (client_id is looked at only without aud)");
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.issuer(issuer.issuer() + "/other")), "wrong issuer");
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.notBeforeTime(Date.from(clock.instant().plusSeconds(1)))),
        "nbf in the future");
    refused(401, "UNAUTHENTICATED", signed(claims -> claims.issueTime(Date.from(clock.instant().plusSeconds(1)))),
        "iat in the future");
    refused(401, "UNAUTHENTICATED", "not-a-jwt", "garbage");
    String unsigned = signed(claims -> claims).split("\\.")[1];
    refused(401, "UNAUTHENTICATED", "eyJhbGciOiJub25lIn0." + unsigned + ".", "alg none");
    refused(403, "INSUFFICIENT_SCOPE", signed(claims -> claims.audience("concert-web").claim("client_id", null)
        .claim("scope", null).claim("token_use", "id")), "an ID token: valid, but no scope");
    refused(403, "INSUFFICIENT_SCOPE", signed(claims -> claims.claim("scope", "profile email")), "scopes without openid");

    // A failing bearer token is not made good by X-User-Id.
    LocalHttp.Reply both = http.get("/users/me/balance", Map.of("Authorization", "Bearer not-a-jwt", "X-User-Id", "alice"));
    assertThat(both.status()).isEqualTo(401);
  }

  @Test
  void a_token_expires_on_the_runtime_clock() throws Exception {
    String token = signed(claims -> claims.expirationTime(Date.from(clock.instant().plusSeconds(60))));
    assertThat(balance(token).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(59));
    assertThat(balance(token).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    refused(401, "UNAUTHENTICATED", token, "expired by the runtime's clock");
  }

  // First: the keys' refetches are rate limited on the wall clock, and the other tests' unknown kids use them up.
  @Test
  @Order(1)
  void a_key_rotated_in_is_fetched_once_and_unknown_kids_do_not_hammer_the_issuer() throws Exception {
    assertThat(balance(signed(claims -> claims)).status()).isEqualTo(200);
    int fetches = issuer.jwksFetches();
    RSAKey rotated = TestIssuer.key("k2");
    issuer.publish(rotated);
    assertThat(balance(TestIssuer.sign(rotated, access().build())).status()).as("the new kid makes one refetch").isEqualTo(200);
    assertThat(issuer.jwksFetches()).isEqualTo(fetches + 1);
    for (int i = 0; i < 5; i++) {
      refused(401, "UNAUTHENTICATED", TestIssuer.sign(STRANGER, "made-up-" + i, access().build()), "unknown kid " + i);
    }
    assertThat(issuer.jwksFetches()).as("refetches are rate limited").isEqualTo(fetches + 1);
    assertThat(balance(TestIssuer.sign(rotated, access().build())).status()).as("known keys still verify").isEqualTo(200);
  }
}
