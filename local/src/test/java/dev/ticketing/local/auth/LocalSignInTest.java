package dev.ticketing.local.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which issuer the local runtime trusts, and what its config.js tells the web app, from the environment. */
class LocalSignInTest {
  private static final Clock CLOCK = Clock.systemUTC();

  @Test
  void by_default_the_development_issuer_on_the_runtime_port_is_trusted_and_named_in_config_js() {
    LocalSignIn signIn = LocalSignIn.fromEnvironment(Map.of(), 3000, CLOCK);
    assertThat(signIn.devIssuer()).isPresent();
    assertThat(signIn.authorizer().orElseThrow().issuer()).isEqualTo("http://localhost:3000/dev-issuer");
    assertThat(signIn.configJs().body()).endsWith("window.CONCERT_CONFIG = {\"apiBaseUrl\":\"\",\"auth\":{"
        + "\"issuer\":\"http://localhost:3000/dev-issuer\",\"clientId\":\"concert-web\",\"scope\":\"openid profile\"}};\n");
  }

  @Test
  void the_development_issuer_url_and_client_id_may_be_set() {
    LocalSignIn signIn = LocalSignIn.fromEnvironment(Map.of("DEV_ISSUER_URL", "http://127.0.0.1:8080/dev-issuer/",
        "DEV_ISSUER_CLIENT_ID", "my-app"), 8080, CLOCK);
    assertThat(signIn.authorizer().orElseThrow().issuer()).isEqualTo("http://127.0.0.1:8080/dev-issuer");
    assertThat(signIn.configJs().body()).contains("\"clientId\":\"my-app\"");
  }

  @Test
  void a_configured_issuer_is_trusted_instead_and_the_app_signs_in_there() {
    LocalSignIn signIn = LocalSignIn.fromEnvironment(Map.of(
        "JWT_ISSUER", "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc",
        "JWT_AUDIENCE", "client-1, client-2",
        "JWT_LOGOUT_URL", "https://concert.auth.ap-northeast-2.amazoncognito.com/logout"), 3000, CLOCK);
    assertThat(signIn.authorizer().orElseThrow().issuer())
        .isEqualTo("https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc");
    assertThat(signIn.configJs().body()).contains("\"issuer\":\"https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_abc\"")
        .contains("\"clientId\":\"client-1\"")
        .contains("\"logoutUrl\":\"https://concert.auth.ap-northeast-2.amazoncognito.com/logout\"");
    assertThat(LocalSignIn.fromEnvironment(Map.of("JWT_ISSUER", "https://issuer.example", "JWT_AUDIENCE", "a",
        "JWT_CLIENT_ID", "web"), 3000, CLOCK).configJs().body()).contains("\"clientId\":\"web\"");
    assertThatThrownBy(() -> LocalSignIn.fromEnvironment(Map.of("JWT_ISSUER", "https://issuer.example"), 3000, CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWT_AUDIENCE");
  }

  @Test
  void with_the_development_issuer_off_and_no_issuer_no_token_verifies() {
    LocalSignIn signIn = LocalSignIn.fromEnvironment(Map.of("DEV_ISSUER", "off"), 3000, CLOCK);
    assertThat(signIn.devIssuer()).isEmpty();
    assertThat(signIn.authorizer()).isEmpty();
    assertThat(signIn.serveIssuer("GET", "/dev-issuer/.well-known/openid-configuration", null, new byte[0])).isEmpty();
    assertThat(signIn.configJs().body()).endsWith("window.CONCERT_CONFIG = {\"apiBaseUrl\":\"\"};\n");
  }

  @Test
  void an_issuer_whose_keys_cannot_be_fetched_refuses_every_token() {
    JwtAuthorizer authorizer = LocalSignIn.fromEnvironment(Map.of("JWT_ISSUER", "http://127.0.0.1:1/issuer",
        "JWT_AUDIENCE", "concert-web"), 3000, CLOCK).authorizer().orElseThrow();
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String token = base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + base64.encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(new byte[256]);
    JwtAuthorizer.Decision decision = authorizer.authorize("Bearer " + token);
    assertThat(decision).isInstanceOf(JwtAuthorizer.Denied.class);
    assertThat(((JwtAuthorizer.Denied) decision).lacksScope()).isFalse();
    assertThat(((JwtAuthorizer.Denied) decision).detail()).contains("http://127.0.0.1:1/issuer/.well-known/openid-configuration");
  }

  @Test
  void a_token_lifetime_that_is_no_positive_number_is_refused() {
    assertThatThrownBy(() -> LocalSignIn.fromEnvironment(Map.of("DEV_ISSUER_TOKEN_SECONDS", "0"), 3000, CLOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEV_ISSUER_TOKEN_SECONDS");
  }

  @Test
  void every_route_that_needs_identity_takes_the_development_issuers_access_tokens() {
    // Its tokens carry "openid profile": a route must require one of them, or declare none (then openid).
    List<HttpRoute> routes = SamTemplate.locate().functions().stream().flatMap(f -> f.routes().stream())
        .filter(HttpRoute::requiresIdentity).toList();
    assertThat(routes).isNotEmpty().allSatisfy(route -> assertThat(route.authorizationScopes().isEmpty()
        || route.authorizationScopes().contains("openid") || route.authorizationScopes().contains("profile"))
        .as(route.routeKey() + " requires " + route.authorizationScopes()).isTrue());
  }
}
