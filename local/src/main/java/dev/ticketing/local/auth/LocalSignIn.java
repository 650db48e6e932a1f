package dev.ticketing.local.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.http.ApiGatewayResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sign-in in the local runtime, from its environment (README, "Signing in locally"):
 * <ul>
 *   <li>{@code JWT_ISSUER}, {@code JWT_AUDIENCE} (comma separated), optional {@code JWT_JWKS_URL}:
 *   the tokens of that provider are verified as the HTTP API's JWT authorizer does.
 *   A route requires one of the scopes the template declares for it, else {@value #DEFAULT_SCOPE};
 *   {@code JWT_REQUIRED_SCOPE}, when set, is required of every route instead.
 *   <li>Else the development issuer ({@link DevIssuer}), on unless {@code DEV_ISSUER=off}, and its
 *   tokens are the ones verified.
 * </ul>
 * It also writes the web app's {@code config.js} for this runtime, naming the issuer the app signs in with.
 */
public final class LocalSignIn {
  static final String DEFAULT_SCOPE = "openid";
  private static final String APP_SCOPE = "openid profile";

  private final Optional<JwtAuthorizer> authorizer;
  private final Optional<DevIssuer> devIssuer;
  private final String configJs;

  private LocalSignIn(Optional<JwtAuthorizer> authorizer, Optional<DevIssuer> devIssuer, String configJs) {
    this.authorizer = authorizer;
    this.devIssuer = devIssuer;
    this.configJs = configJs;
  }

  /**
   * The runtime's sign-in once it listens on {@code port} (the development issuer's default URL
   * names it); a setting that is no value of its kind is an IllegalArgumentException.
   */
  public static LocalSignIn fromEnvironment(Map<String, String> env, int port, Clock clock) {
    Optional<String> scopeOverride = trimmed(env.get("JWT_REQUIRED_SCOPE"));
    String requiredScope = scopeOverride.orElse(DEFAULT_SCOPE);
    Optional<DevIssuer> devIssuer = Optional.empty();
    if (!"off".equalsIgnoreCase(env.getOrDefault("DEV_ISSUER", "on").strip())) {
      String issuer = trimmed(env.get("DEV_ISSUER_URL")).orElse("http://localhost:" + port + DevIssuer.PREFIX)
          .replaceAll("/+$", "");
      Set<String> redirects = list(env.get("DEV_ISSUER_REDIRECTS")).stream().collect(Collectors.toSet());
      devIssuer = Optional.of(new DevIssuer(issuer, trimmed(env.get("DEV_ISSUER_CLIENT_ID")).orElse(DevIssuer.DEFAULT_CLIENT_ID),
          redirects, Duration.ofSeconds(positive(env, "DEV_ISSUER_TOKEN_SECONDS", 3600)), clock));
    }
    Optional<String> issuer = trimmed(env.get("JWT_ISSUER"));
    Map<String, Object> auth = new LinkedHashMap<>();
    Optional<JwtAuthorizer> authorizer;
    if (issuer.isPresent()) {
      List<String> audiences = list(env.get("JWT_AUDIENCE"));
      if (audiences.isEmpty()) {
        throw new IllegalArgumentException("JWT_AUDIENCE must name the client id(s) the tokens of JWT_ISSUER carry"
            + " (comma separated)");
      }
      Optional<URI> jwks = trimmed(env.get("JWT_JWKS_URL")).map(URI::create);
      authorizer = Optional.of(new JwtAuthorizer(issuer.get(), audiences, requiredScope, scopeOverride.isPresent(),
          new IssuerKeys(issuer.get(), jwks), clock));
      auth.put("issuer", issuer.get());
      auth.put("clientId", trimmed(env.get("JWT_CLIENT_ID")).orElse(audiences.get(0)));
      auth.put("scope", APP_SCOPE);
      trimmed(env.get("JWT_LOGOUT_URL")).ifPresent(url -> auth.put("logoutUrl", url));
    } else if (devIssuer.isPresent()) {
      DevIssuer dev = devIssuer.get();
      authorizer = Optional.of(new JwtAuthorizer(dev.issuer(), List.of(dev.clientId()), requiredScope,
          scopeOverride.isPresent(), dev.publicKeys(), clock));
      auth.put("issuer", dev.issuer());
      auth.put("clientId", dev.clientId());
      auth.put("scope", APP_SCOPE);
    } else {
      authorizer = Optional.empty();
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiBaseUrl", "");
    if (!auth.isEmpty()) {
      config.put("auth", auth);
    }
    String configJs = "// Written by the local runtime for this run (the deployed app has its own config.js).\n"
        + "window.CONCERT_CONFIG = " + json(config) + ";\n";
    return new LocalSignIn(authorizer, devIssuer, configJs);
  }

  /** Who verifies bearer tokens; empty when no issuer is configured and the development issuer is off. */
  public Optional<JwtAuthorizer> authorizer() {
    return authorizer;
  }

  public Optional<DevIssuer> devIssuer() {
    return devIssuer;
  }

  /** The development issuer's answer for a request under its prefix, if it is on and the path is its. */
  public Optional<ApiGatewayResponse> serveIssuer(String method, String path, String rawQuery, byte[] body) {
    return devIssuer.flatMap(issuer -> issuer.serve(method, path, rawQuery, body));
  }

  /** {@code /config.js} for this run: the web app's settings, with the issuer it signs in with. */
  public ApiGatewayResponse configJs() {
    return new ApiGatewayResponse(200, Map.of(
        "content-type", "text/javascript; charset=utf-8",
        "cache-control", "no-cache",
        "x-content-type-options", "nosniff"), configJs, false);
  }

  private static String json(Map<String, Object> value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> trimmed(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static List<String> list(String value) {
    return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  private static long positive(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(name + " must be a positive number of seconds, not " + value);
  }
}
