package dev.ticketing.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.wiring.AppComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scheduled function (EventBridge, every minute in AWS): admits waiting users, ends
 * sessions that are over and releases expired holds. The event's content does not matter;
 * a run that fails in any step fails the invocation, so EventBridge's retry runs it again.
 */
public final class MaintenanceHandler implements RequestStreamHandler, Primed {
  private final Maintenance maintenance;
  private final Priming priming;

  public MaintenanceHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public MaintenanceHandler(AppComponent app) {
    this.maintenance = app.maintenance();
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
    List<String> failed = maintenance.runAll();
    if (!failed.isEmpty()) {
      throw new IllegalStateException("maintenance steps failed: " + failed);
    }
    output.write("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
  }
}
