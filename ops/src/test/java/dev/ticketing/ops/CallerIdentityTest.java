package dev.ticketing.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ticketing.engine.MotoEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The AWS identity {@code ops} records beside {@code --operator}: asked of STS (moto's, where
 * {@code moto_server} is installed; skipped by name where not), never asked against a local
 * engine, and a warning, not a failure, when STS cannot tell.
 */
class CallerIdentityTest {
  private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", "testing",
      "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", "us-east-1");

  @Test
  void against_a_local_engine_no_identity_is_asked_for() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // An STS that nobody serves: asking it would warn.
    assertThat(CallerIdentity.of(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:1"), stream(err))).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void an_sts_that_cannot_answer_leaves_the_identity_empty_with_a_warning() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>(KEYS);
    env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + closedPort);
    assertThat(CallerIdentity.of(env, stream(err))).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("warning: could not tell your AWS identity")
        .contains("the audit entry names only --operator");
  }

  @Test
  void the_identity_is_the_arn_sts_answers_on_moto() {
    Optional<Path> moto = MotoEngine.installed();
    assumeTrue(moto.isPresent(), "moto_server is not installed");
    try (MotoEngine engine = MotoEngine.start(moto.get())) {
      Map<String, String> env = new HashMap<>(KEYS);
      env.put("AWS_ENDPOINT_URL_STS", engine.endpoint().toString());
      env.put("DYNAMODB_ENDPOINT", engine.endpoint().toString());
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(CallerIdentity.of(env, stream(err))).startsWith("arn:aws:").contains(":123456789012:");
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
