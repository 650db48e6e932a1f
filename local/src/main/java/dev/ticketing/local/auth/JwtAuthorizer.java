package dev.ticketing.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the HTTP API's JWT authorizer does before any handler runs, in the same order and with the
 * same outcomes: the token's {@code kid} and {@code alg} must name a key of the issuer's JWKS and
 * its signature must verify with it; {@code iss} must be the issuer; {@code aud}, or
 * {@code client_id} when there is no {@code aud}, one of the audiences; {@code exp} in the future,
 * {@code nbf} and {@code iat} not. Any of these failing is 401. A valid token without one of
 * the route's scopes is 403 (the scopes the template declares for the route, else
 * {@code JWT_REQUIRED_SCOPE}, {@code openid} by default; {@code JWT_REQUIRED_SCOPE} set overrides the
 * template's). The clock is the runtime's (tests move it), with no skew allowed: API Gateway
 * documents none.
 */
public final class JwtAuthorizer {
  /** The RSA algorithms API Gateway verifies; a token signed any other way names no usable key. */
  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

  private final String issuer;
  private final Set<String> audiences;
  private final String requiredScope;
  private final boolean scopeOverridesRoutes;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * {@code requiredScope}: the scope of a route whose template declares none, or of every route if
   * {@code scopeOverridesRoutes}.
   */
  public JwtAuthorizer(String issuer, Collection<String> audiences, String requiredScope, boolean scopeOverridesRoutes,
      JWKSource<SecurityContext> keys, Clock clock) {
    this.issuer = issuer;
    this.audiences = Set.copyOf(audiences);
    this.requiredScope = requiredScope;
    this.scopeOverridesRoutes = scopeOverridesRoutes;
    this.clock = clock;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    // API Gateway looks at no "typ" header; Cognito's tokens carry none, others "JWT" or "at+jwt".
    processor.setJWSTypeVerifier((type, context) -> { });
    // The claims are checked below, on the runtime's clock rather than the JVM's.
    processor.setJWTClaimsSetVerifier((claims, context) -> { });
  }

  public String issuer() {
    return issuer;
  }

  /** What the authorizer decided about one {@code Authorization} header's value. */
  public sealed interface Decision permits Allowed, Denied {}

  /** A verified token: every claim as API Gateway passes it on (each a string), and its scopes (null if none). */
  public record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {}

  /** Refused: 401 for a token that is no valid token of the issuer, 403 for one without the scope. */
  public record Denied(boolean lacksScope, String detail) implements Decision {}

  /** The decision on a route that declares no scope of its own. */
  public Decision authorize(String authorization) {
    return authorize(authorization, List.of());
  }

  /** The decision on a route that requires one of {@code routeScopes} (none declared: the default scope). */
  public Decision authorize(String authorization, List<String> routeScopes) {
    String token = authorization.strip();
    // API Gateway takes the token with or without the "Bearer " prefix.
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return new Denied(false, "the bearer token is not a signed JWT");
    }
    if (jwt.getHeader().getKeyID() == null) {
      return new Denied(false, "the token names no key (kid)");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (BadJOSEException e) {
      // No key of that kid and alg, or a signature that does not verify with it.
      return new Denied(false, "the token's signature does not verify with a key of " + issuer);
    } catch (JOSEException e) {
      return new Denied(false, "the signing keys of " + issuer + " could not be read: " + e.getMessage());
    }
    return checkClaims(claims, scopeOverridesRoutes || routeScopes.isEmpty() ? List.of(requiredScope) : routeScopes);
  }

  private Decision checkClaims(JWTClaimsSet claims, List<String> anyOfScopes) {
    if (!issuer.equals(claims.getIssuer())) {
      return new Denied(false, "the token's issuer is not " + issuer);
    }
    List<String> aud = claims.getAudience();
    String clientId = stringClaim(claims, "client_id");
    boolean audienceMatches = aud.isEmpty() ? clientId != null && audiences.contains(clientId)
        : aud.stream().anyMatch(audiences::contains);
    if (!audienceMatches) {
      return new Denied(false, "the token's audience (aud, else client_id) is not one of " + audiences);
    }
    // Whole seconds, as the claims are: a token is expired from its exp second on.
    long now = clock.instant().getEpochSecond();
    Date exp = claims.getExpirationTime();
    if (exp == null || seconds(exp) <= now) {
      return new Denied(false, exp == null ? "the token has no expiry (exp)" : "the token has expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && seconds(nbf) > now) {
      return new Denied(false, "the token is not valid yet (nbf)");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && seconds(iat) > now) {
      return new Denied(false, "the token is issued in the future (iat)");
    }
    List<String> scopes = scopes(claims);
    if (scopes == null || anyOfScopes.stream().noneMatch(scopes::contains)) {
      return new Denied(true, "the token lacks the scope " + String.join(" or ", anyOfScopes));
    }
    return new Allowed(stringClaims(claims), scopes);
  }

  private static long seconds(Date date) {
    return Instant.ofEpochMilli(date.getTime()).getEpochSecond();
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String text ? text : null;
  }

  /** The space-separated {@code scope} claim, or an {@code scp} list as some issuers send; null if neither. */
  private static List<String> scopes(JWTClaimsSet claims) {
    Object scope = claims.getClaim("scope");
    if (scope instanceof String text) {
      return Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).toList();
    }
    Object scp = claims.getClaim("scp");
    if (scp instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (scp instanceof String text) {
      return Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).toList();
    }
    return null;
  }

  /**
   * The claims as API Gateway hands them to a function: each a string; numbers as written,
   * arrays as {@code [a b]}, objects as JSON.
   */
  private static Map<String, String> stringClaims(JWTClaimsSet claims) {
    Map<String, String> strings = new LinkedHashMap<>();
    claims.toJSONObject().forEach((name, value) -> {
      if (value != null) {
        strings.put(name, asString(value));
      }
    });
    return strings;
  }

  @SuppressWarnings("unchecked")
  private static String asString(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(JwtAuthorizer::asString).collect(Collectors.joining(" ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return JSONObjectUtils.toJSONString((Map<String, ?>) map);
    }
    if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
      return Long.toString(number.longValue());
    }
    return String.valueOf(value);
  }
}
