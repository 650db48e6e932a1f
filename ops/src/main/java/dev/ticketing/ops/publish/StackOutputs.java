package dev.ticketing.ops.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What publishing needs from a deployed stack's outputs (template.yaml, "Outputs"): where the app
 * goes and is served, and how it signs in. {@code userPoolId} and {@code signOutUrl} exist only
 * with the stack's own Cognito user pool.
 */
record StackOutputs(String appUrl, String bucket, String distributionId, String issuer, String clientId,
    Optional<String> userPoolId, Optional<String> signOutUrl) {

  static final List<String> REQUIRED = List.of("AppUrl", "WebAppBucketName", "WebDistributionId", "JwtIssuerUrl",
      "WebAppClientId");

  /** The stack has no output publishing needs: nothing was written. */
  static final class Missing extends Exception {
    Missing(String message) {
      super(message);
    }
  }

  static StackOutputs from(String stack, Map<String, String> outputs) throws Missing {
    List<String> missing = REQUIRED.stream().filter(name -> outputs.getOrDefault(name, "").isBlank()).toList();
    if (!missing.isEmpty()) {
      throw new Missing("stack " + stack + " has no output " + String.join(", ", missing)
          + (missing.contains("AppUrl") ? ": deploy it with HostWebApp=true (README, \"Hosting the web app\")" : ""));
    }
    return new StackOutputs(outputs.get("AppUrl"), outputs.get("WebAppBucketName"), outputs.get("WebDistributionId"),
        outputs.get("JwtIssuerUrl"), outputs.get("WebAppClientId"), present(outputs, "UserPoolId"),
        present(outputs, "SignOutUrl"));
  }

  /**
   * The pages Cognito may send a user back to after signing in or out: the app's root, as the app
   * names it in its redirect URI, and its index.html, should it be opened by that name.
   */
  List<String> appPages() {
    String root = appUrl.endsWith("/") ? appUrl : appUrl + "/";
    return List.of(root, root + "index.html");
  }

  private static Optional<String> present(Map<String, String> outputs, String name) {
    return Optional.ofNullable(outputs.get(name)).filter(value -> !value.isBlank());
  }
}
