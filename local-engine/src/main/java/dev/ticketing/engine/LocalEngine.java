package dev.ticketing.engine;

import java.net.URI;

/** A DynamoDB-compatible engine running on this machine for this JVM: where it listens, and its process. */
public abstract class LocalEngine implements AutoCloseable {
  private final EngineProcess process;

  LocalEngine(EngineProcess process) {
    this.process = process;
  }

  public final URI endpoint() {
    return process.endpoint();
  }

  public final long pid() {
    return process.pid();
  }

  public final boolean isRunning() {
    return process.isRunning();
  }

  @Override
  public final void close() {
    process.close();
  }
}
