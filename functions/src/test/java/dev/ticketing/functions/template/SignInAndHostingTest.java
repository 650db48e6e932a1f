package dev.ticketing.functions.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.Intrinsic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's sign-in (the stack's own Cognito user pool unless an issuer is named; access
 * tokens only) and its one address for the web app and the API (HostWebApp: a private bucket and
 * the HTTP API behind one CloudFront distribution).
 */
class SignInAndHostingTest {
  private static final Path ROOT = ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow().getParent();
  private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
  private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
  private static final List<String> ALL_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");
  /** The two public GETs every page load asks for, the same for everyone. */
  private static final Set<String> CACHED_ROUTES = Set.of("GET /concerts", "GET /concerts/{concertId}/queue");

  private final SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

  @Test
  void the_stack_creates_its_own_user_pool_exactly_when_no_issuer_is_named() {
    Map<String, Object> parameters = template.section("Parameters");
    assertThat(asMap(parameters.get("JwtIssuer"))).containsEntry("Default", "");
    assertThat(asMap(parameters.get("JwtAudience"))).containsEntry("Default", "");
    assertThat(template.section("Conditions").get("CreateUserPool"))
        .isEqualTo(new Intrinsic("Equals", List.of(new Intrinsic("Ref", "JwtIssuer"), "")));

    Map<String, Map<String, Object>> cognito = new TreeMap<>();
    template.resources().forEach((id, resource) -> {
      if (String.valueOf(asMap(resource).get("Type")).startsWith("AWS::Cognito::")) {
        cognito.put(id, asMap(resource));
      }
    });
    assertThat(cognito.values().stream().map(r -> r.get("Type")))
        .contains("AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain");
    cognito.forEach((id, resource) -> assertThat(resource).as(id).containsEntry("Condition", "CreateUserPool"));

    Map<String, Object> jwt = asMap(asMap(asMap(asMap(httpApi().get("Auth")).get("Authorizers")).get("JwtAuthorizer"))
        .get("JwtConfiguration"));
    String pool = only(cognito, "AWS::Cognito::UserPool");
    String client = only(cognito, "AWS::Cognito::UserPoolClient");
    assertThat(jwt.get("issuer")).as("the pool's issuer, else the one named").isEqualTo(new Intrinsic("If",
        List.of("CreateUserPool", new Intrinsic("GetAtt", pool + ".ProviderURL"), new Intrinsic("Ref", "JwtIssuer"))));
    assertThat(list(jwt.get("audience"))).as("the web app's client, else the audience named").containsExactly(
        new Intrinsic("If", List.of("CreateUserPool", new Intrinsic("Ref", client), new Intrinsic("Ref", "JwtAudience"))));
  }

  @Test
  void the_web_app_client_is_public_uses_the_code_grant_and_its_tokens_last_a_sale() {
    Map<String, Object> client = properties("WebAppClient");
    assertThat(client).containsEntry("GenerateSecret", false).containsEntry("AllowedOAuthFlowsUserPoolClient", true)
        .containsEntry("PreventUserExistenceErrors", "ENABLED").containsEntry("EnableTokenRevocation", true);
    assertThat(list(client.get("AllowedOAuthFlows"))).as("no implicit grant: no token in a URL").containsExactly("code");
    assertThat(list(client.get("AllowedOAuthScopes"))).containsExactlyInAnyOrder("openid", "profile", "email");
    assertThat(list(client.get("ExplicitAuthFlows"))).as("no password sent to the API by the app")
        .containsExactly("ALLOW_REFRESH_TOKEN_AUTH");
    Intrinsic urls = new Intrinsic("If", List.of("AppUrlsGiven",
        new Intrinsic("Split", List.of(",", new Intrinsic("Ref", "AppUrls"))), List.of("http://localhost:3000/")));
    assertThat(client).as("the pages given, else only the local runtime's (the user's own machine)")
        .containsEntry("CallbackURLs", urls).containsEntry("LogoutURLs", urls);

    Map<String, Object> units = asMap(client.get("TokenValidityUnits"));
    Duration access = validity(client.get("AccessTokenValidity"), units.get("AccessToken"));
    assertThat(access).as("a sale's evening, within Cognito's 5 minutes to 1 day")
        .isGreaterThanOrEqualTo(Duration.ofHours(4)).isLessThanOrEqualTo(Duration.ofDays(1));
    assertThat(validity(client.get("IdTokenValidity"), units.get("IdToken"))).isLessThanOrEqualTo(Duration.ofDays(1));
    assertThat(validity(client.get("RefreshTokenValidity"), units.get("RefreshToken"))).isEqualTo(Duration.ofDays(30));

    Map<String, Object> pool = properties("UserPool");
    assertThat(asMap(pool.get("AdminCreateUserConfig"))).as("users sign themselves up")
        .containsEntry("AllowAdminCreateUserOnly", false);
    assertThat(list(pool.get("AliasAttributes"))).as("sign-in by e-mail or user name").contains("email");
    Map<String, Object> passwords = asMap(asMap(pool.get("Policies")).get("PasswordPolicy"));
    assertThat(asNumber(passwords.get("MinimumLength"))).isGreaterThanOrEqualTo(10);

    Map<String, Object> domain = properties("UserPoolDomain");
    assertThat(domain).containsEntry("ManagedLoginVersion", 2).containsEntry("UserPoolId", new Intrinsic("Ref", "UserPool"));
    assertThat(properties("WebAppSignInBranding")).as("managed login shows pages only to a client with a style")
        .containsEntry("ClientId", new Intrinsic("Ref", "WebAppClient"));
    assertThat(template.section("Outputs")).containsKeys("JwtIssuerUrl", "WebAppClientId", "SignInDomain", "SignOutUrl");
    assertThat(String.valueOf(((Intrinsic) asMap(template.section("Outputs").get("SignOutUrl")).get("Value")).argument()))
        .isEqualTo("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/logout");
  }

  @Test
  void every_route_that_takes_a_jwt_requires_the_openid_scope_and_only_the_three_public_gets_take_none() {
    List<String> open = new ArrayList<>();
    template.resources().forEach((id, resource) -> {
      if (!"AWS::Serverless::Function".equals(asMap(resource).get("Type"))) {
        return;
      }
      asMap(properties(id).get("Events")).values().stream().map(SignInAndHostingTest::asMap)
          .filter(event -> "HttpApi".equals(event.get("Type"))).map(event -> asMap(event.get("Properties")))
          .forEach(route -> {
            String key = route.get("Method") + " " + route.get("Path");
            Map<String, Object> auth = asMap(route.get("Auth"));
            if ("NONE".equals(auth.get("Authorizer"))) {
              open.add(key);
            } else {
              // An ID token carries no scope: only an access token passes.
              assertThat(auth).as(key).containsEntry("Authorizer", "JwtAuthorizer");
              assertThat(list(auth.get("AuthorizationScopes"))).as(key).containsExactly("openid");
            }
          });
    });
    assertThat(open).containsExactlyInAnyOrder("GET /concerts", "GET /concerts/{concertId}/queue",
        "GET /concerts/{concertId}/queue/draw");
  }

  @Test
  void the_web_app_bucket_is_private_and_readable_only_by_the_distribution() {
    Map<String, Object> bucket = asMap(template.resources().get("WebAppBucket"));
    assertThat(bucket).containsEntry("Condition", "WebAppHosted").containsEntry("Type", "AWS::S3::Bucket");
    Map<String, Object> properties = properties("WebAppBucket");
    assertThat(asMap(properties.get("PublicAccessBlockConfiguration"))).containsEntry("BlockPublicAcls", true)
        .containsEntry("BlockPublicPolicy", true).containsEntry("IgnorePublicAcls", true)
        .containsEntry("RestrictPublicBuckets", true);
    assertThat(properties.get("BucketEncryption")).isNotNull();
    assertThat(properties.toString()).contains("ObjectOwnership=BucketOwnerEnforced");

    Map<String, Object> oac = asMap(properties("WebAppOriginAccessControl").get("OriginAccessControlConfig"));
    assertThat(oac).containsEntry("SigningProtocol", "sigv4").containsEntry("SigningBehavior", "always")
        .containsEntry("OriginAccessControlOriginType", "s3");

    List<?> statements = (List<?>) asMap(properties("WebAppBucketPolicy").get("PolicyDocument")).get("Statement");
    List<Map<String, Object>> allows = statements.stream().map(SignInAndHostingTest::asMap)
        .filter(s -> "Allow".equals(s.get("Effect"))).toList();
    assertThat(allows).as("one grant").hasSize(1);
    Map<String, Object> grant = allows.get(0);
    assertThat(asMap(grant.get("Principal"))).containsExactly(Map.entry("Service", "cloudfront.amazonaws.com"));
    assertThat(grant).containsEntry("Action", "s3:GetObject");
    Intrinsic source = (Intrinsic) asMap(asMap(grant.get("Condition")).get("StringEquals")).get("AWS:SourceArn");
    assertThat(String.valueOf(source.argument())).as("this distribution only")
        .endsWith(":distribution/${WebDistribution}");

    Map<String, Object> distribution = distribution();
    List<Map<String, Object>> origins = ((List<?>) distribution.get("Origins")).stream()
        .map(SignInAndHostingTest::asMap).toList();
    Map<String, Object> s3 = origins.stream().filter(o -> "webapp".equals(o.get("Id"))).findFirst().orElseThrow();
    assertThat(s3).containsEntry("OriginAccessControlId", new Intrinsic("GetAtt", "WebAppOriginAccessControl.Id"));
    assertThat(distribution).containsEntry("DefaultRootObject", "index.html");
    assertThat(asMap(distribution.get("DefaultCacheBehavior"))).containsEntry("TargetOriginId", "webapp")
        .containsEntry("CachePolicyId", new Intrinsic("Ref", "WebAppFilesCachePolicy"));
    assertThat(asNumber(asMap(properties("WebAppFilesCachePolicy").get("CachePolicyConfig")).get("MinTTL")))
        .as("config.js's no-cache is obeyed").isZero();
  }

  @Test
  void every_api_route_reaches_the_api_through_the_distribution_and_only_the_two_public_gets_are_cached() {
    List<Map<String, Object>> behaviours = ((List<?>) distribution().get("CacheBehaviors")).stream()
        .map(SignInAndHostingTest::asMap).toList();
    Set<String> routes = template.functions().stream().flatMap(f -> f.routes().stream()).map(r -> r.routeKey())
        .collect(Collectors.toSet());
    assertThat(routes).containsAll(CACHED_ROUTES).hasSizeGreaterThan(10);
    for (String route : routes) {
      String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "id-1");
      // CloudFront takes the first behaviour whose pattern fits the path ("*" spans slashes too).
      Map<String, Object> behaviour = behaviours.stream().filter(b -> fits(String.valueOf(b.get("PathPattern")), path))
          .findFirst().orElseThrow(() -> new AssertionError(route + " would be looked for in the bucket"));
      assertThat(behaviour).as(route).containsEntry("TargetOriginId", "http-api");
      if (CACHED_ROUTES.contains(route)) {
        assertThat(behaviour).as(route).containsEntry("CachePolicyId", new Intrinsic("Ref", "PublicReadsCachePolicy"))
            .doesNotContainKey("OriginRequestPolicyId");
        assertThat(list(behaviour.get("AllowedMethods"))).as(route).containsExactly("GET", "HEAD", "OPTIONS");
      } else {
        assertThat(behaviour).as(route).containsEntry("CachePolicyId", CACHING_DISABLED)
            .containsEntry("OriginRequestPolicyId", ALL_VIEWER_EXCEPT_HOST_HEADER);
        assertThat(list(behaviour.get("AllowedMethods"))).as(route).containsExactlyInAnyOrderElementsOf(ALL_METHODS);
      }
    }
    assertThat(behaviours.stream().filter(b -> !CACHING_DISABLED.equals(b.get("CachePolicyId"))))
        .as("no other behaviour caches").hasSize(CACHED_ROUTES.size());
    assertThat(behaviours.stream().map(b -> String.valueOf(b.get("PathPattern"))))
        .as("the app's own files stay in the bucket").noneMatch(p -> fits(p, "/app.js") || fits(p, "/config.js"));

    Map<String, Object> cached = asMap(properties("PublicReadsCachePolicy").get("CachePolicyConfig"));
    assertThat(asNumber(cached.get("MinTTL"))).isZero();
    assertThat(asNumber(cached.get("DefaultTTL"))).as("nothing cached without a Cache-Control").isZero();
    assertThat(asNumber(cached.get("MaxTTL"))).as("never older than the catalogue's 5 s").isLessThanOrEqualTo(5);
    Map<String, Object> key = asMap(cached.get("ParametersInCacheKeyAndForwardedToOrigin"));
    assertThat(asMap(key.get("HeadersConfig"))).as("no Authorization in the key").containsEntry("HeaderBehavior", "none");
    assertThat(asMap(key.get("QueryStringsConfig"))).containsEntry("QueryStringBehavior", "whitelist");
    for (String policy : List.of("PublicReadsCachePolicy", "WebAppFilesCachePolicy")) {
      assertThat(String.valueOf(((Intrinsic) asMap(properties(policy).get("CachePolicyConfig")).get("Name")).argument()))
          .as("names are the account's, across regions").contains("${AWS::StackName}").contains("${AWS::Region}");
    }
    assertThat(template.section("Outputs")).containsKeys("AppUrl", "WebAppBucketName", "WebDistributionId");
  }

  private static boolean fits(String pattern, String path) {
    String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return path.matches(regex);
  }

  private static Duration validity(Object amount, Object unit) {
    ChronoUnit chrono = ChronoUnit.valueOf(String.valueOf(unit).toUpperCase(java.util.Locale.ROOT));
    return Duration.of(asNumber(amount), chrono);
  }

  private Map<String, Object> httpApi() {
    return template.resources().values().stream().map(SignInAndHostingTest::asMap)
        .filter(r -> "AWS::Serverless::HttpApi".equals(r.get("Type"))).map(r -> asMap(r.get("Properties")))
        .findFirst().orElseThrow();
  }

  private Map<String, Object> distribution() {
    assertThat(asMap(template.resources().get("WebDistribution"))).containsEntry("Condition", "WebAppHosted");
    return asMap(properties("WebDistribution").get("DistributionConfig"));
  }

  private static String only(Map<String, Map<String, Object>> resources, String type) {
    List<String> ids = resources.entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
        .map(Map.Entry::getKey).toList();
    assertThat(ids).as(type).hasSize(1);
    return ids.get(0);
  }

  private Map<String, Object> properties(String logicalId) {
    return asMap(asMap(template.resources().get(logicalId)).get("Properties"));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  private static long asNumber(Object value) {
    return Long.parseLong(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
