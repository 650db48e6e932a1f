package dev.ticketing.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.domain.UserIds;
import dev.ticketing.http.ApiGatewayResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A development OpenID provider inside the local runtime, under {@value #PREFIX} on its port:
 * anyone signs in under any user name (no password), and gets tokens shaped like Cognito's,
 * signed RS256 with a key this run makes (on first use). It speaks the authorization code flow with PKCE (S256
 * only) for one public client, as the web app does against Cognito in AWS; docs/sign-in.md has the
 * contract. Codes and refresh tokens live in memory: a restart signs everyone out.
 */
public final class DevIssuer {
  public static final String PREFIX = "/dev-issuer";
  public static final String DEFAULT_CLIENT_ID = "concert-web";
  static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
  private static final String SCOPE = "openid profile";
  private static final Map<String, String> CORS = Map.of(
      "access-control-allow-origin", "*",
      "access-control-allow-methods", "GET, POST, OPTIONS",
      "access-control-allow-headers", "content-type, authorization",
      "access-control-max-age", "600");

  private final String issuer;
  private final String clientId;
  private final Set<String> listedRedirects;
  private final Duration tokenLifetime;
  private final Clock clock;
  private RSAKey key;
  private RSASSASigner signer;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** A code handed to the browser, waiting for the app to redeem it with the PKCE verifier. */
  private record PendingCode(String clientId, String redirectUri, String codeChallenge, String username, String nonce,
      Instant issuedAt) {}

  /** What a refresh token stands for: who signed in, for which client, when. */
  private record Session(String clientId, String username, Instant authTime) {}

  DevIssuer(String issuer, String clientId, Set<String> listedRedirects, Duration tokenLifetime, Clock clock) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.listedRedirects = Set.copyOf(listedRedirects);
    this.tokenLifetime = tokenLifetime;
    this.clock = clock;
  }

  /**
   * The signing key, made on first use: a 2048-bit key takes a while on a busy machine, and a
   * runtime that nobody signs in to (most tests) never needs one.
   */
  private synchronized RSAKey key() {
    if (key == null) {
      try {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256).generate();
        signer = new RSASSASigner(key);
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot make the development issuer's signing key", e);
      }
    }
    return key;
  }

  private synchronized RSASSASigner signer() {
    key();
    return signer;
  }

  public String issuer() {
    return issuer;
  }

  public String clientId() {
    return clientId;
  }

  /** The issuer's public keys, as {@code jwks.json} publishes them: what the runtime verifies its tokens with. */
  JWKSource<SecurityContext> publicKeys() {
    return (selector, context) -> selector.select(new JWKSet(key().toPublicJWK()));
  }

  /** The answer to a request under {@value #PREFIX}, if the path is one of the issuer's. */
  public Optional<ApiGatewayResponse> serve(String method, String path, String rawQuery, byte[] body) {
    if (!path.startsWith(PREFIX + "/")) {
      return Optional.empty();
    }
    String endpoint = path.substring(PREFIX.length());
    boolean crossOrigin = Set.of("/.well-known/openid-configuration", "/jwks.json", "/token").contains(endpoint);
    if (crossOrigin && method.equals("OPTIONS")) {
      return Optional.of(new ApiGatewayResponse(204, CORS, null, false));
    }
    return Optional.ofNullable(switch (method + " " + endpoint) {
      case "GET /.well-known/openid-configuration" -> json(200, discovery(), true);
      case "GET /jwks.json" -> json(200, new JWKSet(key().toPublicJWK()).toJSONObject(true), true);
      case "GET /authorize" -> authorizePage(Forms.parse(rawQuery));
      case "POST /authorize" -> signIn(Forms.parse(new String(body, StandardCharsets.UTF_8)));
      case "POST /token" -> token(Forms.parse(new String(body, StandardCharsets.UTF_8)));
      case "GET /logout" -> logout(Forms.parse(rawQuery));
      default -> null;
    });
  }

  private Map<String, Object> discovery() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer);
    document.put("authorization_endpoint", issuer + "/authorize");
    document.put("token_endpoint", issuer + "/token");
    document.put("jwks_uri", issuer + "/jwks.json");
    document.put("end_session_endpoint", issuer + "/logout");
    document.put("response_types_supported", List.of("code"));
    document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
    document.put("code_challenge_methods_supported", List.of("S256"));
    document.put("scopes_supported", List.of("openid", "profile"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put("token_endpoint_auth_methods_supported", List.of("none"));
    return document;
  }

  /** The authorize request's parameters, checked; a refusal is said on a page (its redirect URI is not trusted). */
  private Optional<String> authorizeRefusal(Map<String, String> params) {
    if (!clientId.equals(params.get("client_id"))) {
      return Optional.of("unknown client_id: this issuer serves " + clientId);
    }
    if (!allowedRedirect(params.get("redirect_uri"))) {
      return Optional.of("redirect_uri must be an http(s) URL on localhost or 127.0.0.1, or listed in DEV_ISSUER_REDIRECTS");
    }
    if (!"code".equals(params.get("response_type"))) {
      return Optional.of("response_type must be code");
    }
    if (!"S256".equals(params.get("code_challenge_method")) || isBlank(params.get("code_challenge"))) {
      return Optional.of("PKCE is required: code_challenge with code_challenge_method=S256");
    }
    if (!List.of(params.getOrDefault("scope", "").split(" ")).contains("openid")) {
      return Optional.of("scope must include openid");
    }
    return Optional.empty();
  }

  private ApiGatewayResponse authorizePage(Map<String, String> params) {
    return authorizeRefusal(params).map(DevIssuer::refusalPage).orElseGet(() -> SignInPage.render(params, 200, null));
  }

  private ApiGatewayResponse signIn(Map<String, String> params) {
    Optional<String> refusal = authorizeRefusal(params);
    if (refusal.isPresent()) {
      return refusalPage(refusal.get());
    }
    String username = params.getOrDefault("username", "");
    if (!UserIds.isValid(username)) {
      return SignInPage.render(params, 400, "A user name is 1-" + UserIds.MAX_LENGTH
          + " printable ASCII characters without spaces.");
    }
    String code = randomToken();
    codes.put(code, new PendingCode(params.get("client_id"), params.get("redirect_uri"), params.get("code_challenge"),
        username, params.get("nonce"), clock.instant()));
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("code", code);
    if (params.get("state") != null) {
      answer.put("state", params.get("state"));
    }
    return redirect(params.get("redirect_uri"), answer);
  }

  private ApiGatewayResponse token(Map<String, String> params) {
    if (!clientId.equals(params.get("client_id"))) {
      return oauthError("invalid_client", "unknown client_id: this issuer serves " + clientId);
    }
    String grant = params.getOrDefault("grant_type", "");
    if (grant.equals("authorization_code")) {
      // Single use: a code is gone once presented, whether or not the rest of the request is right.
      PendingCode pending = params.get("code") == null ? null : codes.remove(params.get("code"));
      if (pending == null) {
        return oauthError("invalid_grant", "unknown or already used code");
      }
      if (!clock.instant().isBefore(pending.issuedAt().plus(CODE_LIFETIME))) {
        return oauthError("invalid_grant", "the code has expired");
      }
      if (!pending.clientId().equals(params.get("client_id")) || !pending.redirectUri().equals(params.get("redirect_uri"))) {
        return oauthError("invalid_grant", "client_id or redirect_uri differ from the authorize request's");
      }
      if (!MessageDigest.isEqual(s256(params.getOrDefault("code_verifier", "")).getBytes(StandardCharsets.US_ASCII),
          pending.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
        return oauthError("invalid_grant", "code_verifier does not match the code_challenge");
      }
      String refreshToken = randomToken();
      Session session = new Session(pending.clientId(), pending.username(), clock.instant());
      sessions.put(refreshToken, session);
      return json(200, tokens(session, pending.nonce(), refreshToken), true);
    }
    if (grant.equals("refresh_token")) {
      Session session = params.get("refresh_token") == null ? null : sessions.get(params.get("refresh_token"));
      if (session == null || !session.clientId().equals(params.get("client_id"))) {
        return oauthError("invalid_grant", "unknown refresh_token");
      }
      // As Cognito does, the refresh token is not rotated: the same one is handed back.
      return json(200, tokens(session, null, params.get("refresh_token")), true);
    }
    return oauthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
  }

  private Map<String, Object> tokens(Session session, String nonce, String refreshToken) {
    Instant now = clock.instant();
    Date issuedAt = Date.from(now);
    Date expires = Date.from(now.plus(tokenLifetime));
    Date authTime = Date.from(session.authTime());
    JWTClaimsSet access = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(session.username())
        .claim("client_id", session.clientId())
        .claim("scope", SCOPE)
        .claim("token_use", "access")
        .claim("username", session.username())
        .issueTime(issuedAt)
        .notBeforeTime(issuedAt)
        .expirationTime(expires)
        .jwtID(UUID.randomUUID().toString())
        .claim("auth_time", authTime)
        .build();
    JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(session.username())
        .audience(session.clientId())
        .claim("token_use", "id")
        .claim("cognito:username", session.username())
        .claim("preferred_username", session.username())
        .issueTime(issuedAt)
        .expirationTime(expires)
        .claim("auth_time", authTime);
    if (nonce != null) {
      id.claim("nonce", nonce);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", sign(access));
    answer.put("id_token", sign(id.build()));
    answer.put("refresh_token", refreshToken);
    answer.put("token_type", "Bearer");
    answer.put("expires_in", tokenLifetime.toSeconds());
    return answer;
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key().getKeyID()).type(JOSEObjectType.JWT)
        .build(), claims);
    try {
      jwt.sign(signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private ApiGatewayResponse logout(Map<String, String> params) {
    // OpenID's post_logout_redirect_uri, or Cognito's logout_uri: the web app may use either.
    String target = Optional.ofNullable(params.get("post_logout_redirect_uri")).orElse(params.get("logout_uri"));
    if (target == null) {
      return SignInPage.message(200, "Signed out", "You are signed out of the development issuer.");
    }
    if (!allowedRedirect(target)) {
      return refusalPage("post_logout_redirect_uri must be an http(s) URL on localhost or 127.0.0.1, "
          + "or listed in DEV_ISSUER_REDIRECTS");
    }
    Map<String, String> answer = new LinkedHashMap<>();
    if (params.get("state") != null) {
      answer.put("state", params.get("state"));
    }
    return redirect(target, answer);
  }

  /** An http(s) URL on this machine (any port), or one listed in {@code DEV_ISSUER_REDIRECTS}. */
  boolean allowedRedirect(String uri) {
    if (uri == null) {
      return false;
    }
    if (listedRedirects.contains(uri)) {
      return true;
    }
    try {
      URI parsed = new URI(uri);
      String scheme = parsed.getScheme();
      return parsed.getFragment() == null && parsed.getRawUserInfo() == null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && ("localhost".equalsIgnoreCase(parsed.getHost()) || "127.0.0.1".equals(parsed.getHost()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static ApiGatewayResponse redirect(String target, Map<String, String> params) {
    StringBuilder location = new StringBuilder(target);
    char separator = target.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      location.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
      separator = '&';
    }
    return new ApiGatewayResponse(302, Map.of("location", location.toString(), "cache-control", "no-store"), null, false);
  }

  private static ApiGatewayResponse refusalPage(String why) {
    return SignInPage.message(400, "Cannot sign in", why);
  }

  private static ApiGatewayResponse oauthError(String error, String description) {
    return json(400, Map.of("error", error, "error_description", description), true);
  }

  private static ApiGatewayResponse json(int status, Map<String, ?> body, boolean cors) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("cache-control", "no-store");
    if (cors) {
      headers.putAll(CORS);
    }
    return new ApiGatewayResponse(status, headers, JSONObjectUtils.toJSONString(body), false);
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** PKCE's S256: BASE64URL(SHA-256(verifier)), without padding (RFC 7636). */
  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code application/x-www-form-urlencoded} parameters, as query strings and form bodies carry them; the first of a name wins. */
  static final class Forms {
    private Forms() {}

    static Map<String, String> parse(String encoded) {
      Map<String, String> params = new LinkedHashMap<>();
      if (encoded == null || encoded.isEmpty()) {
        return params;
      }
      for (String pair : encoded.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        try {
          String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          params.putIfAbsent(name, value);
        } catch (IllegalArgumentException malformed) {
          // A malformed escape: the parameter is left out, and whatever needed it is refused.
        }
      }
      return params;
    }
  }
}
