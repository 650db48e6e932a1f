package dev.ticketing.ops.publish;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * Adds the hosted app's pages to its Cognito client's callback and sign-out URLs. The template
 * cannot name them: the distribution routes to the HTTP API, whose authorizer names the client,
 * so the client naming the distribution would be a cycle. Cognito's UpdateUserPoolClient resets
 * every setting it is not given, so every setting is given back as described.
 */
final class SignInPages {
  private SignInPages() {}

  /** The pages added (none if all were there already). */
  static List<String> ensure(CognitoIdentityProviderClient cognito, String userPoolId, String clientId,
      List<String> pages) {
    UserPoolClientType client = cognito.describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(clientId))
        .userPoolClient();
    List<String> callbacks = withPages(client.callbackURLs(), pages);
    List<String> logouts = withPages(client.logoutURLs(), pages);
    List<String> added = pages.stream().filter(page -> !client.callbackURLs().contains(page)
        || !client.logoutURLs().contains(page)).toList();
    if (added.isEmpty()) {
      return added;
    }
    cognito.updateUserPoolClient(r -> r.userPoolId(userPoolId).clientId(clientId)
        .clientName(client.clientName())
        .refreshTokenValidity(client.refreshTokenValidity())
        .accessTokenValidity(client.accessTokenValidity())
        .idTokenValidity(client.idTokenValidity())
        .tokenValidityUnits(client.tokenValidityUnits())
        .readAttributes(client.readAttributes())
        .writeAttributes(client.writeAttributes())
        .explicitAuthFlowsWithStrings(client.explicitAuthFlowsAsStrings())
        .supportedIdentityProviders(client.supportedIdentityProviders())
        .callbackURLs(callbacks)
        .logoutURLs(logouts)
        .defaultRedirectURI(client.defaultRedirectURI())
        .allowedOAuthFlowsWithStrings(client.allowedOAuthFlowsAsStrings())
        .allowedOAuthScopes(client.allowedOAuthScopes())
        .allowedOAuthFlowsUserPoolClient(client.allowedOAuthFlowsUserPoolClient())
        .analyticsConfiguration(client.analyticsConfiguration())
        .preventUserExistenceErrors(client.preventUserExistenceErrorsAsString())
        .enableTokenRevocation(client.enableTokenRevocation())
        .enablePropagateAdditionalUserContextData(client.enablePropagateAdditionalUserContextData())
        .authSessionValidity(client.authSessionValidity())
        .refreshTokenRotation(client.refreshTokenRotation()));
    return added;
  }

  private static List<String> withPages(List<String> present, List<String> pages) {
    List<String> all = new ArrayList<>(present);
    pages.stream().filter(page -> !all.contains(page)).forEach(all::add);
    return all;
  }
}
