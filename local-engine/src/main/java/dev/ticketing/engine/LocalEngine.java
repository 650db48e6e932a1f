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

  /**
   * Leaves stopping this engine when the JVM stops to the caller, whose shutdown hook (already
   * registered) closes it once the work that needs it is done; see {@link EngineProcess#leaveShutdownToOwner}.
   */
  public final void leaveShutdownToOwner() {
    process.leaveShutdownToOwner();
  }

  @Override
  public final void close() {
    process.close();
  }
}
