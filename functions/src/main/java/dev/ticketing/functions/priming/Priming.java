package dev.ticketing.functions.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one function: before Lambda takes the snapshot of an initialised function,
 * its runtime calls {@link #beforeCheckpoint}, which runs the function's own request path on
 * synthetic requests that read but never write (see {@link PrimingEvents} and
 * {@code StoragePriming}). Jackson, the handler, the use case and the SDK's marshallers are then
 * loaded and compiled in the snapshot instead of on the first request after each restore.
 *
 * <p>{@link #register} is called only by a handler's no-argument constructor (the Lambda path),
 * and the handler keeps the returned object: CRaC contexts may hold their resources weakly. On a
 * JVM without CRaC, registering does nothing; {@link #run} runs the same routine directly (the
 * benchmarks do, to measure it).
 */
public final class Priming implements Resource {
  private final List<Runnable> steps;

  private Priming(List<Runnable> steps) {
    this.steps = List.copyOf(steps);
  }

  public static Priming of(Runnable... steps) {
    return new Priming(List.of(steps));
  }

  /** Registers with the global CRaC context, which Lambda's runtime notifies before the snapshot. */
  public Priming register() {
    Core.getGlobalContext().register(this);
    return this;
  }

  /** Runs every step once. A failing step fails the snapshot (and so the version's publication), loudly. */
  public void run() {
    steps.forEach(Runnable::run);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: the default provider chain refetches credentials that expired in the snapshot,
    // and the HTTP client reconnects by itself.
  }

  /** A step: {@code handler} handles the event the way Lambda calls it; the response is dropped. */
  public static Runnable request(RequestStreamHandler handler, Supplier<byte[]> event) {
    return () -> {
      try {
        handler.handleRequest(new ByteArrayInputStream(event.get()), new ByteArrayOutputStream(), null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
