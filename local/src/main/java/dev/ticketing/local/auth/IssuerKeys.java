package dev.ticketing.local.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * An issuer's published signing keys, as the authorizer reads them: from {@code JWT_JWKS_URL} when
 * given, else from the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}, looked
 * up on the first token (the issuer need not be up when the runtime starts). Keys are cached; a kid
 * the cache lacks makes one refetch, at most one per {@link #REFETCH_MILLIS}, so a stream of tokens
 * with made-up kids cannot hammer the issuer.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {
  static final long CACHE_MILLIS = 5 * 60_000L;
  static final long REFETCH_MILLIS = 30_000L;
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int SIZE_LIMIT = 256 * 1024;

  private final String issuer;
  private final Optional<URI> jwksUrl;
  private volatile JWKSource<SecurityContext> keys;

  IssuerKeys(String issuer, Optional<URI> jwksUrl) {
    this.issuer = issuer;
    this.jwksUrl = jwksUrl;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    return keys().get(selector, context);
  }

  private JWKSource<SecurityContext> keys() throws KeySourceException {
    JWKSource<SecurityContext> known = keys;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      try {
        if (keys == null) {
          URL url = url(jwksUrl.orElseGet(this::discoveredJwksUri));
          keys = JWKSourceBuilder.create(url, retriever())
              .cache(CACHE_MILLIS, TIMEOUT_MILLIS)
              .rateLimited(REFETCH_MILLIS)
              .retrying(false)
              .build();
        }
        return keys;
      } catch (KeyLookupFailed e) {
        throw new KeySourceException(e.getMessage());
      }
    }
  }

  /** The discovery document's {@code jwks_uri}; a failure is a {@link KeySourceException}, retried on the next token. */
  private URI discoveredJwksUri() {
    String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    try {
      Resource document = retriever().retrieveResource(url(URI.create(discovery)));
      String jwksUri = JSONObjectUtils.getString(JSONObjectUtils.parse(document.getContent()), "jwks_uri");
      if (jwksUri == null) {
        throw new KeyLookupFailed(discovery + " names no jwks_uri");
      }
      return URI.create(jwksUri);
    } catch (IOException | ParseException | IllegalArgumentException e) {
      throw new KeyLookupFailed("cannot read " + discovery + ": " + e.getMessage());
    }
  }

  private static DefaultResourceRetriever retriever() {
    return new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT);
  }

  private static URL url(URI uri) {
    try {
      return uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new KeyLookupFailed("not a URL: " + uri);
    }
  }

  /** The keys could not be found: the token is refused (401), and the next one looks again. */
  private static final class KeyLookupFailed extends RuntimeException {
    KeyLookupFailed(String message) {
      super(message);
    }
  }
}
