package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.SmallCatalog;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The development issuer's sign-in, over HTTP as the web app goes through it, without a browser:
 * discovery, the authorize form and its POST, the code redeemed with the PKCE verifier, the API
 * called with the access token, a refresh, the logout redirect. The runtime's clock is moved to
 * expire codes and tokens.
 */
@ExtendWith(DynamoDbExtension.class)
class DevIssuerHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "http://localhost:5173/";
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static MutableClock clock;
  private static LocalHttp http;
  private static String base;

  @BeforeAll
  static void start(TestTable table) {
    clock = new MutableClock(START);
    http = LocalHttp.startOnClock(table, Map.of("DEV_ISSUER_REDIRECTS", "https://app.example/callback"), clock,
        SmallCatalog.around(START));
    base = http.runtime.baseUri().toString();
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void anyone_signs_in_by_name_and_calls_the_api_with_the_access_token() throws Exception {
    String issuer = "http://localhost:" + http.runtime.port() + "/dev-issuer";

    HttpResponse<String> discovery = get(base + "/dev-issuer/.well-known/openid-configuration");
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(discovery.headers().firstValue("access-control-allow-origin")).hasValue("*");
    JsonNode config = JSON.readTree(discovery.body());
    assertThat(config.get("issuer").asText()).isEqualTo(issuer);
    assertThat(config.get("authorization_endpoint").asText()).isEqualTo(issuer + "/authorize");
    assertThat(config.get("token_endpoint").asText()).isEqualTo(issuer + "/token");
    assertThat(config.get("jwks_uri").asText()).isEqualTo(issuer + "/jwks.json");
    assertThat(config.get("end_session_endpoint").asText()).isEqualTo(issuer + "/logout");
    assertThat(config.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
    assertThat(config.get("grant_types_supported").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
    assertThat(config.get("token_endpoint_auth_methods_supported").toString()).isEqualTo("[\"none\"]");
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(base + "/dev-issuer/token"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST").build());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(preflight.headers().firstValue("access-control-allow-headers").orElse("")).contains("content-type");
    String kid = JSON.readTree(get(base + "/dev-issuer/jwks.json").body()).at("/keys/0/kid").asText();
    assertThat(kid).isNotBlank();

    HttpResponse<String> configJs = get(base + "/config.js");
    assertThat(configJs.body()).contains("window.CONCERT_CONFIG = ")
        .contains("\"issuer\":\"" + issuer + "\"").contains("\"clientId\":\"concert-web\"")
        .contains("\"scope\":\"openid profile\"").contains("\"apiBaseUrl\":\"\"");

    String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    Map<String, String> authorize = authorizeParams(challenge(verifier), "state-1", "nonce-1");
    HttpResponse<String> page = get(base + "/dev-issuer/authorize?" + form(authorize));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<label for=\"dev-username\">User name</label>")
        .contains("id=\"dev-username\" name=\"username\"").contains("<button type=\"submit\" id=\"dev-sign-in\">Sign in</button>")
        .contains("value=\"state-1\"");

    // A code redeemed with the wrong verifier is refused, and spent.
    String spent = signIn(base, authorize, "auth0|5fe4abc");
    assertThat(tokenError(base, Map.of("grant_type", "authorization_code", "code", spent, "redirect_uri", APP,
        "client_id", "concert-web", "code_verifier", "not-" + verifier))).isEqualTo("invalid_grant");
    assertThat(tokenError(base, codeGrant(spent, verifier))).isEqualTo("invalid_grant");

    String code = signIn(base, authorize, "auth0|5fe4abc");
    HttpResponse<String> issued = post(base + "/dev-issuer/token", codeGrant(code, verifier));
    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(issued.headers().firstValue("access-control-allow-origin")).hasValue("*");
    JsonNode tokens = JSON.readTree(issued.body());
    assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
    assertThat(tokenError(base, codeGrant(code, verifier))).as("a code is single-use").isEqualTo("invalid_grant");

    SignedJWT access = SignedJWT.parse(tokens.get("access_token").asText());
    JWTClaimsSet claims = access.getJWTClaimsSet();
    assertThat(access.getHeader().getKeyID()).isEqualTo(kid);
    assertThat(access.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(claims.getIssuer()).isEqualTo(issuer);
    assertThat(claims.getSubject()).isEqualTo("auth0|5fe4abc");
    assertThat(claims.getStringClaim("client_id")).isEqualTo("concert-web");
    assertThat(claims.getStringClaim("scope")).isEqualTo("openid profile");
    assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringClaim("username")).isEqualTo("auth0|5fe4abc");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(clock.instant());
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plusSeconds(3600));
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getDateClaim("auth_time").toInstant()).isEqualTo(clock.instant());
    JWTClaimsSet id = SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet();
    assertThat(id.getAudience()).containsExactly("concert-web");
    assertThat(id.getStringClaim("nonce")).isEqualTo("nonce-1");
    assertThat(id.getStringClaim("token_use")).isEqualTo("id");
    assertThat(id.getStringClaim("cognito:username")).isEqualTo("auth0|5fe4abc");
    assertThat(id.getStringClaim("preferred_username")).isEqualTo("auth0|5fe4abc");
    assertThat(id.getClaim("scope")).isNull();

    // The access token is the caller; a bearer token wins over X-User-Id.
    String bearer = "Bearer " + tokens.get("access_token").asText();
    LocalHttp.Reply balance = http.get("/users/me/balance", Map.of("Authorization", bearer, "X-User-Id", "mallory"));
    assertThat(balance.status()).isEqualTo(200);
    assertThat(balance.body().get("userId").asText()).isEqualTo("auth0|5fe4abc");
    // The ID token is no access token: it has no scope.
    LocalHttp.Reply idAsAccess = http.get("/users/me/balance", Map.of("Authorization", "Bearer " + tokens.get("id_token").asText()));
    assertThat(idAsAccess.status()).isEqualTo(403);
    assertThat(idAsAccess.body().get("code").asText()).isEqualTo("INSUFFICIENT_SCOPE");

    // A code lives 60 s on the runtime's clock.
    String late = signIn(base, authorize, "carol");
    clock.advance(Duration.ofSeconds(60));
    assertThat(tokenError(base, codeGrant(late, verifier))).isEqualTo("invalid_grant");

    // An hour on, the access token has expired; the refresh token gets a fresh one.
    clock.advance(Duration.ofSeconds(3600));
    LocalHttp.Reply expired = http.get("/users/me/balance", Map.of("Authorization", bearer));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token",
        tokens.get("refresh_token").asText(), "client_id", "concert-web");
    HttpResponse<String> refreshed = post(base + "/dev-issuer/token", refresh);
    assertThat(refreshed.statusCode()).isEqualTo(200);
    JsonNode renewed = JSON.readTree(refreshed.body());
    assertThat(renewed.get("refresh_token").asText()).isEqualTo(tokens.get("refresh_token").asText());
    JWTClaimsSet renewedId = SignedJWT.parse(renewed.get("id_token").asText()).getJWTClaimsSet();
    assertThat(renewedId.getSubject()).isEqualTo("auth0|5fe4abc");
    assertThat(renewedId.getDateClaim("auth_time").toInstant()).isEqualTo(START);
    LocalHttp.Reply again = http.get("/users/me/balance", Map.of("Authorization", "Bearer " + renewed.get("access_token").asText()));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("userId").asText()).isEqualTo("auth0|5fe4abc");
    assertThat(tokenError(base, Map.of("grant_type", "refresh_token", "refresh_token", "made-up", "client_id", "concert-web")))
        .isEqualTo("invalid_grant");

    HttpResponse<String> logout = get(base + "/dev-issuer/logout?" + form(Map.of("client_id", "concert-web",
        "post_logout_redirect_uri", APP, "id_token_hint", renewed.get("id_token").asText(), "state", "bye")));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("location")).hasValue(APP + "?state=bye");
    HttpResponse<String> cognitoStyle = get(base + "/dev-issuer/logout?" + form(Map.of("client_id", "concert-web",
        "logout_uri", "http://127.0.0.1:3000/")));
    assertThat(cognitoStyle.statusCode()).isEqualTo(302);
    assertThat(cognitoStyle.headers().firstValue("location")).hasValue("http://127.0.0.1:3000/");
    assertThat(get(base + "/dev-issuer/logout?" + form(Map.of("post_logout_redirect_uri", "https://evil.example/")))
        .statusCode()).isEqualTo(400);
  }

  @Test
  void the_authorize_request_must_name_the_client_a_local_redirect_and_pkce_s256() throws Exception {
    Map<String, String> good = authorizeParams(challenge("v".repeat(43)), "s", "n");
    assertThat(get(base + "/dev-issuer/authorize?" + form(good)).statusCode()).isEqualTo(200);
    assertThat(get(base + "/dev-issuer/authorize?" + form(with(good, "redirect_uri", "https://app.example/callback")))
        .statusCode()).as("listed in DEV_ISSUER_REDIRECTS").isEqualTo(200);
    assertThat(get(base + "/dev-issuer/authorize?" + form(with(good, "redirect_uri", "https://evil.example/")))
        .statusCode()).isEqualTo(400);
    assertThat(get(base + "/dev-issuer/authorize?" + form(with(good, "redirect_uri", "http://localhost.evil.example/")))
        .statusCode()).isEqualTo(400);
    assertThat(get(base + "/dev-issuer/authorize?" + form(with(good, "client_id", "other"))).statusCode()).isEqualTo(400);
    assertThat(get(base + "/dev-issuer/authorize?" + form(with(good, "code_challenge_method", "plain"))).statusCode())
        .isEqualTo(400);
    Map<String, String> noPkce = new LinkedHashMap<>(good);
    noPkce.remove("code_challenge");
    assertThat(get(base + "/dev-issuer/authorize?" + form(noPkce)).statusCode()).isEqualTo(400);
    // A name the API would refuse is refused here, on the form.
    HttpResponse<String> spaced = post(base + "/dev-issuer/authorize", with(good, "username", "two words"));
    assertThat(spaced.statusCode()).isEqualTo(400);
    assertThat(spaced.body()).contains("id=\"dev-username\"");
    assertThat(get(base + "/config.js").body()).contains("\"issuer\":\"http://localhost:" + http.runtime.port());
  }

  private static String signIn(String base, Map<String, String> authorize, String username) throws Exception {
    HttpResponse<String> redirect = post(base + "/dev-issuer/authorize", with(authorize, "username", username));
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI location = URI.create(redirect.headers().firstValue("location").orElseThrow());
    assertThat(location.toString()).startsWith(APP + "?code=");
    Map<String, String> answer = parse(location.getRawQuery());
    assertThat(answer.get("state")).isEqualTo(authorize.get("state"));
    return answer.get("code");
  }

  private static String tokenError(String base, Map<String, String> params) throws Exception {
    HttpResponse<String> refused = post(base + "/dev-issuer/token", params);
    assertThat(refused.statusCode()).isEqualTo(400);
    return JSON.readTree(refused.body()).get("error").asText();
  }

  private static Map<String, String> authorizeParams(String challenge, String state, String nonce) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", "concert-web");
    params.put("redirect_uri", APP);
    params.put("scope", "openid profile");
    params.put("state", state);
    params.put("nonce", nonce);
    params.put("code_challenge", challenge);
    params.put("code_challenge_method", "S256");
    return params;
  }

  private static Map<String, String> codeGrant(String code, String verifier) {
    return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", APP, "client_id", "concert-web",
        "code_verifier", verifier);
  }

  private static Map<String, String> with(Map<String, String> params, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.put(name, value);
    return copy;
  }

  private static String challenge(String verifier) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private static HttpResponse<String> post(String url, Map<String, String> params) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params))).build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
