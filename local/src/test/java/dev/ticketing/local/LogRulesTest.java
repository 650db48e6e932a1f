package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker the hostile-user, bad-input and rush tests rely on finds what it must find. */
class LogRulesTest {
  private static final String SECRET = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

  @Test
  void finds_a_secret_an_exception_and_stack_frames_raw_or_escaped() {
    assertThat(LogRules.violations("log", "{\"message\":\"request\",\"path\":\"/x\"}", List.of(SECRET))).isEmpty();
    assertThat(LogRules.violations("log", "{\"token\":\"winter-gala." + SECRET + "\"}", List.of(SECRET))).hasSize(1);
    assertThat(LogRules.violations("log", "prefix-" + SECRET + "-suffix", List.of(SECRET))).hasSize(1);
    assertThat(LogRules.violations("log", "java.lang.IllegalStateException: boom", List.of())).hasSize(1);
    assertThat(LogRules.violations("log", "boom\n\tat dev.ticketing.X.y(X.java:1)", List.of())).hasSize(1);
    assertThat(LogRules.violations("log", "{\"trace\":\"boom\\n\\tat dev.ticketing.X.y\"}", List.of())).hasSize(1);
  }
}
