package dev.ticketing.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No engine may outlive its JVM, not even one killed with SIGKILL, which runs no shutdown hook. */
class EngineLifetimeTest {

  @ParameterizedTest
  @ValueSource(strings = {"dynoxide", "moto"})
  void the_engine_dies_with_a_jvm_killed_by_sigkill(String engineName) throws Exception {
    if (engineName.equals("moto")) {
      assumeTrue(MotoEngine.installed().isPresent(), "moto skipped: moto_server is not installed");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        EngineHolder.class.getName(), engineName))
        .redirectErrorStream(true)
        .start();
    long enginePid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("engine-pid="));
      assertThat(line).as("child JVM reported its engine").isNotNull();
      enginePid = Long.parseLong(line.substring("engine-pid=".length()));
    }
    Optional<ProcessHandle> engine = ProcessHandle.of(enginePid);
    assertThat(engine).isPresent();
    assertThat(engine.get().isAlive()).isTrue();

    new ProcessBuilder("kill", "-9", Long.toString(jvm.pid())).start().waitFor();
    assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false))
        .as("%s %d still running after its JVM was killed", engineName, enginePid).isFalse();
  }

  /** Entry point of the child JVM: starts the named engine, reports its pid, and waits to be killed. */
  public static final class EngineHolder {
    public static void main(String[] args) throws InterruptedException {
      long pid = args[0].equals("moto")
          ? MotoEngine.start(MotoEngine.installed().orElseThrow()).pid()
          : DynoxideEngine.start().pid();
      System.out.println("engine-pid=" + pid);
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(2).toMillis());
    }
  }
}
