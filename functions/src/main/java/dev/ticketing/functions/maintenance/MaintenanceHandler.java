package dev.ticketing.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.WarmUp;
import dev.ticketing.maintenance.MaintenanceRounds;
import dev.ticketing.wiring.AppComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled function (EventBridge, every minute in AWS): rounds of placing new arrivals,
 * admitting waiting users, ending sessions and releasing expired holds, every
 * ADMISSION_ROUND_SECONDS for MAINTENANCE_RUN_SECONDS, a little longer than the schedule's minute
 * so that the next invocation takes over without a pause. A round starts only while Lambda's
 * remaining time covers {@link MaintenanceRounds#ROUND_BUDGET}. Of the event only its {@code time}
 * matters: the first round's lag is measured from it. A warm-up ({@link WarmUp}) runs no round.
 * It answers with its rounds and what the last one did, e.g. {@code {"status":"ok","rounds":33,
 * "failedRounds":0,"steps":{"queue-round":{"placesHandedOut":3,...},...}}}. An invocation whose
 * last round failed (a step, for any concert) fails, so its failure reaches the failure
 * destination, and so does one that had no time for a single round; the next invocation, a minute
 * later at most, carries on from stored state.
 */
public final class MaintenanceHandler implements RequestStreamHandler, Primed {
  private final MaintenanceRounds rounds;
  private final ObjectMapper json;
  private final Priming priming;

  public MaintenanceHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public MaintenanceHandler(AppComponent app) {
    this.rounds = app.maintenanceRounds();
    this.json = app.objectMapper();
    // No request of its own: the steps' stores prime what they read and write.
    this.priming = Priming.ofStores(app);
  }

  @Override
  public Priming priming() {
    return priming;
  }

  /** The EventBridge event's {@code time}, if it has one: the first round's lag is measured from it. */
  private Optional<Instant> scheduledFor(byte[] event) {
    try {
      return Optional.of(Instant.parse(json.readTree(event).path("time").asText()));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event = input.readAllBytes();
    if (WarmUp.answered(event, context, this, json, output)) {
      return;
    }
    Optional<Instant> scheduledFor = scheduledFor(event);
    // Read right before the rounds start, which count it from their start. No context (a test's,
    // a benchmark's): no limit.
    Optional<Duration> timeLeft = Optional.ofNullable(context).map(c -> Duration.ofMillis(c.getRemainingTimeInMillis()));
    MaintenanceRounds.Outcome outcome = rounds.run(scheduledFor, timeLeft);
    if (outcome.rounds() == 0) {
      throw new IllegalStateException("no maintenance round: less than " + MaintenanceRounds.ROUND_BUDGET
          + " left of the function's timeout");
    }
    if (outcome.lastRoundFailed()) {
      throw new IllegalStateException("maintenance steps failed in the last round: " + outcome.lastRound().failed());
    }
    // In this order, always: a reader (or the README's example) sees the same shape every time.
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "ok");
    answer.put("rounds", outcome.rounds());
    answer.put("failedRounds", outcome.failedRounds());
    answer.put("steps", outcome.lastRound().done());
    json.writeValue(output, answer);
  }
}
