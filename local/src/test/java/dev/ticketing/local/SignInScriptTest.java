package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web app's sign-in ({@code webapp/signin.js}) in node, against a provider its script
 * ({@code local/src/test/browser/signin.mjs}) plays: the answers BrowserTest's development issuer
 * never gives (another issuer, another client, an expired ID token, a refresh without a new
 * refresh token) and Cognito's logout. No browser: it runs wherever node does.
 */
class SignInScriptTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void the_sign_in_checks_what_the_provider_answers_and_signs_out_at_either_kind_of_provider() throws Exception {
    BrowserScript.Run run = BrowserScript.run("signin.mjs", Map.of(), TIMEOUT);

    run.assertSucceeded(TIMEOUT);
    assertThat(run.output()).doesNotContain("FAIL");
    assertThat(run.output().lines().filter(line -> line.startsWith("ok "))).as(run.output()).hasSize(9);
  }
}
