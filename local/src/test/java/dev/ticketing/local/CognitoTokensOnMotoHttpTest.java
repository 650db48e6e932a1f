package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.engine.LocalEngine;
import dev.ticketing.engine.MotoEngine;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.local.auth.JwtAuthorizer;
import dev.ticketing.local.auth.LocalSignIn;
import dev.ticketing.testing.SmallCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/**
 * Tokens of an independent implementation, moto's Cognito ({@code cognito-idp}), through the real
 * SDK: a pool, an app client and a user, signed in with ADMIN_USER_PASSWORD_AUTH. The runtime
 * trusts that pool as the deployed API would ({@code JWT_ISSUER} is the pool's issuer, its keys at
 * moto's own address via {@code JWT_JWKS_URL}) and accepts the access token, but no tampered one.
 *
 * <p>moto's access tokens carry the scope {@code aws.cognito.signin.user.admin} only, as Cognito's
 * do for a sign-in through its API rather than its hosted pages: the {@code openid} scope the
 * routes require is then missing (403), so the runtime here requires that scope instead
 * ({@code JWT_REQUIRED_SCOPE}). moto signs on the wall clock, so the runtime runs on it too.
 */
@ExtendWith(DynamoDbExtension.class)
@EnabledIf(value = "motoInstalled", disabledReason = "moto skipped: moto_server is not installed (set MOTO_SERVER or put it on the PATH)")
class CognitoTokensOnMotoHttpTest {
  private static final String COGNITO_API_SCOPE = "aws.cognito.signin.user.admin";

  static boolean motoInstalled() {
    return MotoEngine.installed().isPresent();
  }

  @Test
  void the_runtime_accepts_moto_cognito_access_tokens_and_refuses_tampered_ones(TestTable table) throws Exception {
    try (LocalEngine moto = MotoEngine.start(MotoEngine.installed().orElseThrow());
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
            .endpointOverride(moto.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String poolId = cognito.createUserPool(pool -> pool.poolName("concert")).userPool().id();
      String clientId = cognito.createUserPoolClient(client -> client.userPoolId(poolId).clientName("concert-web")
          .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH)).userPoolClient().clientId();
      cognito.adminCreateUser(user -> user.userPoolId(poolId).username("alice"));
      cognito.adminSetUserPassword(password -> password.userPoolId(poolId).username("alice").password("Sale-2026-pw")
          .permanent(true));
      AuthenticationResultType tokens = cognito.adminInitiateAuth(auth -> auth.userPoolId(poolId).clientId(clientId)
          .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
          .authParameters(Map.of("USERNAME", "alice", "PASSWORD", "Sale-2026-pw"))).authenticationResult();
      String issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + poolId;
      String sub = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getSubject();
      assertThat(SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
      assertThat(SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet().getStringClaim("scope")).isEqualTo(COGNITO_API_SCOPE);

      Map<String, String> trustMoto = Map.of(
          "JWT_ISSUER", issuer,
          "JWT_AUDIENCE", clientId,
          "JWT_JWKS_URL", moto.endpoint() + "/" + poolId + "/.well-known/jwks.json");
      // As the deployed routes are (openid required), moto's access token lacks the scope.
      JwtAuthorizer routesAsDeployed = LocalSignIn.fromEnvironment(trustMoto, 0, Clock.systemUTC()).authorizer().orElseThrow();
      assertThat(routesAsDeployed.authorize("Bearer " + tokens.accessToken()))
          .isEqualTo(new JwtAuthorizer.Denied(true, "the token lacks the scope openid"));

      Map<String, String> env = new HashMap<>(trustMoto);
      env.put("JWT_REQUIRED_SCOPE", COGNITO_API_SCOPE);
      env.put("SCHEDULER_INTERVAL_SECONDS", "3600");
      try (LocalHttp http = LocalHttp.start(table, env, Clock.systemUTC(), SmallCatalog.around(Clock.systemUTC().instant()))) {
        LocalHttp.Reply accepted = http.get("/users/me/balance", Map.of("Authorization", "Bearer " + tokens.accessToken()));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("userId").asText()).isEqualTo(sub);

        // The same token with its subject changed: the signature no longer verifies.
        String[] parts = tokens.accessToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(sub, "mallory");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
            claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        LocalHttp.Reply refused = http.get("/users/me/balance", Map.of("Authorization", "Bearer " + tampered));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().get("code").asText()).isEqualTo("UNAUTHENTICATED");

        // The ID token has the client as aud, but no scope: the authorizer's 403.
        LocalHttp.Reply idToken = http.get("/users/me/balance", Map.of("Authorization", "Bearer " + tokens.idToken()));
        assertThat(idToken.status()).isEqualTo(403);
        assertThat(idToken.body().get("code").asText()).isEqualTo("INSUFFICIENT_SCOPE");
      }
    }
  }
}
