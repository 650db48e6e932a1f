package dev.ticketing.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.testing.MutableClock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a verified token hands the function: its claims as strings, as API Gateway passes them on, and its scopes. */
class JwtAuthorizerTest {

  @Test
  void every_claim_reaches_the_function_as_a_string_and_the_scopes_as_a_list() throws Exception {
    MutableClock clock = MutableClock.at("2026-12-01T09:00:00Z");
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    JwtAuthorizer authorizer = new JwtAuthorizer("https://issuer.example", List.of("concert-web"), "openid", false,
        new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), clock);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer("https://issuer.example")
        .subject("auth0|5fe4abc")
        .claim("client_id", "concert-web")
        .claim("scope", "openid profile")
        .claim("cognito:groups", List.of("fans", "staff"))
        .claim("email_verified", true)
        .claim("address", Map.of("country", "KR"))
        .issueTime(Date.from(clock.instant()))
        .expirationTime(Date.from(clock.instant().plusSeconds(60)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));

    JwtAuthorizer.Decision decision = authorizer.authorize("Bearer " + jwt.serialize());

    assertThat(decision).isInstanceOf(JwtAuthorizer.Allowed.class);
    JwtAuthorizer.Allowed allowed = (JwtAuthorizer.Allowed) decision;
    assertThat(allowed.scopes()).containsExactly("openid", "profile");
    long now = clock.instant().getEpochSecond();
    assertThat(allowed.claims()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "iss", "https://issuer.example",
        "sub", "auth0|5fe4abc",
        "client_id", "concert-web",
        "scope", "openid profile",
        "cognito:groups", "[fans staff]",
        "email_verified", "true",
        "address", "{\"country\":\"KR\"}",
        "iat", Long.toString(now),
        "exp", Long.toString(now + 60)));
  }

  @Test
  void a_route_requires_one_of_its_declared_scopes_unless_the_environment_names_one_for_all() throws Exception {
    MutableClock clock = MutableClock.at("2026-12-01T09:00:00Z");
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer("https://issuer.example")
        .subject("alice")
        .claim("client_id", "concert-web")
        .claim("scope", "openid profile")
        .expirationTime(Date.from(clock.instant().plusSeconds(60)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    String bearer = "Bearer " + jwt.serialize();
    JwtAuthorizer byTemplate = new JwtAuthorizer("https://issuer.example", List.of("concert-web"), "openid", false,
        new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), clock);
    assertThat(byTemplate.authorize(bearer, List.of("email", "profile"))).isInstanceOf(JwtAuthorizer.Allowed.class);
    assertThat(byTemplate.authorize(bearer, List.of("email")))
        .isEqualTo(new JwtAuthorizer.Denied(true, "the token lacks the scope email"));
    assertThat(byTemplate.authorize(bearer)).as("no scope declared: openid").isInstanceOf(JwtAuthorizer.Allowed.class);
    JwtAuthorizer overridden = new JwtAuthorizer("https://issuer.example", List.of("concert-web"), "admin", true,
        new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), clock);
    assertThat(overridden.authorize(bearer, List.of("openid")))
        .isEqualTo(new JwtAuthorizer.Denied(true, "the token lacks the scope admin"));
  }
}
