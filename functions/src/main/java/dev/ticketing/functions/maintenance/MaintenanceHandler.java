package dev.ticketing.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.maintenance.MaintenanceRounds;
import dev.ticketing.wiring.AppComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The scheduled function (EventBridge, every minute in AWS): rounds of placing new arrivals,
 * admitting waiting users, ending sessions and releasing expired holds, every
 * ADMISSION_ROUND_SECONDS for up to MAINTENANCE_RUN_SECONDS. The event's content does not matter.
 * An invocation whose last round failed fails, so its failure reaches the failure destination;
 * the next invocation, a minute later at most, carries on from stored state.
 */
public final class MaintenanceHandler implements RequestStreamHandler, Primed {
  private final MaintenanceRounds rounds;
  private final Priming priming;

  public MaintenanceHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public MaintenanceHandler(AppComponent app) {
    this.rounds = app.maintenanceRounds();
    // No request of its own: the steps' stores prime what they read and write.
    this.priming = Priming.ofStores(app);
  }

  @Override
  public Priming priming() {
    return priming;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    MaintenanceRounds.Outcome outcome = rounds.run();
    if (outcome.lastRoundFailed()) {
      throw new IllegalStateException("maintenance steps failed in the last round: " + outcome.lastRoundFailures());
    }
    output.write(("{\"status\":\"ok\",\"rounds\":" + outcome.rounds() + ",\"failedRounds\":" + outcome.failedRounds() + "}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
