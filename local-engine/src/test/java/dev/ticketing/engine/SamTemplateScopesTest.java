package dev.ticketing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.SamTemplate.HttpRoute;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scopes a route's JWT authorizer requires, as the local runtime reads them from a template. */
class SamTemplateScopesTest {
  private static final String TEMPLATE = """
      Resources:
        Api:
          Type: AWS::Serverless::HttpApi
          Properties:
            Auth:
              DefaultAuthorizer: Jwt
              Authorizers:
                Jwt:
                  AuthorizationScopes: [openid]
                  JwtConfiguration: {issuer: x, audience: [y]}
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: a.B::handleRequest
            Events:
              Default:
                Type: HttpApi
                Properties: {ApiId: !Ref Api, Method: get, Path: /a}
              Own:
                Type: HttpApi
                Properties:
                  ApiId: !Ref Api
                  Method: get
                  Path: /b
                  Auth: {AuthorizationScopes: [email, openid]}
              Public:
                Type: HttpApi
                Properties: {ApiId: !Ref Api, Method: get, Path: /c, Auth: {Authorizer: NONE}}
      """;

  @Test
  void a_route_requires_its_own_scopes_else_its_authorizers_and_a_public_route_none() {
    Map<String, HttpRoute> routes = SamTemplate.parse(TEMPLATE).functions().get(0).routes().stream()
        .collect(Collectors.toMap(HttpRoute::path, route -> route));
    assertThat(routes.get("/a").authorizationScopes()).containsExactly("openid");
    assertThat(routes.get("/b").authorizationScopes()).containsExactly("email", "openid");
    assertThat(routes.get("/c").requiresIdentity()).isFalse();
    assertThat(routes.get("/c").authorizationScopes()).isEmpty();
  }
}
