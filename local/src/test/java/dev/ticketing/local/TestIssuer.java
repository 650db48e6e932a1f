package dev.ticketing.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider for tests, on a loopback port: its discovery document and JWKS are served
 * over HTTP as a real issuer's are, and it signs whatever claims a test asks for, with a published
 * key or not. The JWKS can change while a test runs (a key rotated in), and it counts its fetches.
 */
final class TestIssuer implements AutoCloseable {
  private final HttpServer server;
  private final List<RSAKey> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();

  private TestIssuer(HttpServer server) {
    this.server = server;
  }

  static TestIssuer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    TestIssuer issuer = new TestIssuer(server);
    server.createContext("/issuer/.well-known/openid-configuration", exchange ->
        respond(exchange, "{\"issuer\":\"" + issuer.issuer() + "\",\"jwks_uri\":\"" + issuer.issuer() + "/keys\"}"));
    server.createContext("/issuer/keys", exchange -> {
      issuer.jwksFetches.incrementAndGet();
      respond(exchange, new JWKSet(issuer.published.stream().map(key -> (JWK) key.toPublicJWK()).toList()).toString());
    });
    server.start();
    return issuer;
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
  }

  /** A new RS256 key of this kid, not yet published. */
  static RSAKey key(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  void publish(RSAKey key) {
    published.add(key);
  }

  int jwksFetches() {
    return jwksFetches.get();
  }

  static String sign(RSAKey key, JWTClaimsSet claims) {
    return sign(key, key.getKeyID(), claims);
  }

  /** Signed with {@code key} under any kid: a forger's token names a published kid, or a made-up one. */
  static String sign(RSAKey key, String kid, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static void respond(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
