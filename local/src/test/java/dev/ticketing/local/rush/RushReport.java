package dev.ticketing.local.rush;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The figures of one rush and every invariant violation it found (the target is none). */
record RushReport(
    RushConfig config,
    Duration duration,
    boolean complete,
    int unfinishedUsers,
    long requests,
    long transportErrors,
    long retries,
    Map<String, Map<Integer, Long>> statuses,
    Map<Shopper.Outcome, Long> outcomes,
    Map<String, Long> events,
    long unexpectedResponses,
    List<String> unexpectedSamples,
    int maxActive,
    int maxAdmittedSessions,
    long maxHoldingSlots,
    long activeSamples,
    long failedActiveSamples,
    RushAudit audit,
    long logLines,
    long logWarnings,
    long logErrors,
    List<String> violations) {

  long count(String endpoint, int status) {
    return statuses.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
  }

  long outcome(Shopper.Outcome outcome) {
    return outcomes.getOrDefault(outcome, 0L);
  }

  void print(PrintStream out) {
    out.println();
    out.println("=== Ticket rush: " + config.users() + " users, concert " + config.concertId() + " (5 dates x 50 seats), "
        + "QUEUE_MAX_ACTIVE " + config.maxActive() + " ===");
    out.printf("environment      %s; deadline %d s, request cap %d, threads %d polling + %d shopping%n",
        config.environment(), config.deadline().toSeconds(), config.maxRequests(), config.waitingThreads(),
        config.shoppingThreads());
    out.printf("duration         %.1f s%s%n", duration.toMillis() / 1000.0,
        complete ? " (every user finished)" : " (STOPPED at the deadline or the request cap: " + unfinishedUsers
            + " users unfinished)");
    out.printf("requests         %d sent (%.0f/s), %d retried, %d transport errors%n", requests,
        requests / Math.max(0.001, duration.toMillis() / 1000.0), retries, transportErrors);
    statuses.forEach((endpoint, counts) -> out.printf("  %-58s %s%n", endpoint, counts));
    out.printf("users            %s%n", outcomes);
    out.printf("events           %s%n", events);
    out.printf("admitted         %d users%n", events.getOrDefault("admitted", 0L));
    out.printf("holds            %d created, %d refused (409: seats taken, or the ticket limit), %d given up%n",
        count("POST /reservations", 201) + count("POST /reservations", 200), count("POST /reservations", 409),
        count("DELETE /reservations/{reservationId}", 204));
    out.printf("payments         %d answered 201, %d stored; %d seats of %d SOLD; %d CONFIRMED of %d reservations%n",
        count("POST /payments", 201), audit.payments(), audit.soldSeats(), audit.seats(), audit.confirmedReservations(),
        audit.reservations());
    out.printf("abandons         %d holds left to expire, %d admitted users never came back, %d could not afford%n",
        outcome(Shopper.Outcome.ABANDONED_HOLD), outcome(Shopper.Outcome.NEVER_CAME_BACK),
        outcome(Shopper.Outcome.CANNOT_AFFORD));
    out.printf("money            charged %d = balances %d + payments %d over %d users%n", audit.charged(), audit.balances(),
        audit.paid(), audit.users());
    out.printf("max ACTIVE       %d sampled (gate's view), %d admitted sessions, %d slots held by the counters;"
        + " limit %d (%d samples, %d failed)%n", maxActive, maxAdmittedSessions, maxHoldingSlots, config.maxActive(),
        activeSamples, failedActiveSamples);
    out.printf("runtime log      %d lines, %d WARN, %d ERROR%n", logLines, logWarnings, logErrors);
    out.printf("unexpected       %d responses%s%n", unexpectedResponses, unexpectedSamples.isEmpty() ? ""
        : " e.g. " + unexpectedSamples.subList(0, Math.min(5, unexpectedSamples.size())));
    out.printf("violations       %d%n", violations.size());
    violations.stream().limit(20).forEach(v -> out.println("  - " + v));
    out.println();
  }

  /** Violations of the run's invariants plus everything a run that ends well must not have. */
  List<String> problems() {
    List<String> problems = new ArrayList<>(violations);
    if (!complete) {
      problems.add(unfinishedUsers + " users had not finished at the deadline or the request cap");
    }
    if (unexpectedResponses > 0) {
      problems.add(unexpectedResponses + " unexpected responses, e.g. " + unexpectedSamples);
    }
    return problems;
  }
}
