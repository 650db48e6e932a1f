package dev.ticketing.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.wiring.AppComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The scheduled function (EventBridge, every minute in AWS): admits waiting users, ends
 * sessions that are over and releases expired holds. The event's content does not matter. It
 * answers with what the round did, e.g. {@code {"status":"ok","steps":{"admit-waiting-users":
 * {"sessionsEnded":0,"usersAdmitted":3},"release-expired-holds":{...}}}}; a round that fails in
 * any step fails the invocation (its failure destination keeps it; the next runs redo the work).
 */
public final class MaintenanceHandler implements RequestStreamHandler, Primed {
  private final Maintenance maintenance;
  private final ObjectMapper json;
  private final Priming priming;

  public MaintenanceHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public MaintenanceHandler(AppComponent app) {
    this.maintenance = app.maintenance();
    this.json = app.objectMapper();
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
    Maintenance.Round round = maintenance.runAll();
    if (!round.failed().isEmpty()) {
      throw new IllegalStateException("maintenance steps failed: " + round.failed());
    }
    json.writeValue(output, Map.of("status", "ok", "steps", round.done()));
  }
}
