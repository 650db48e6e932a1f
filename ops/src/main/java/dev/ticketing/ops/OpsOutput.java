package dev.ticketing.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.json.JsonMapper;
import dev.ticketing.sale.DateSeats;
import dev.ticketing.sale.ShowSaleStatus.SaleStatus;
import dev.ticketing.sale.AuditEntry;
import dev.ticketing.sale.OperateSale.Outcome;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code ops} prints: for people, a few aligned lines; with {@code --json}, one JSON document. */
final class OpsOutput {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final ObjectMapper mapper = JsonMapper.create();

  OpsOutput(PrintStream out, PrintStream err, boolean json) {
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** A change's outcome; its exit status (1: nothing changed because the sale refused or stayed contended). */
  int outcome(String concertId, Outcome outcome) {
    if (outcome instanceof Outcome.Changed changed) {
      AuditEntry entry = changed.entry();
      out.println(entry.command() + " of " + concertId + " by " + who(entry) + " at " + entry.at());
      out.println("  before: " + entry.before());
      out.println("  after:  " + entry.after());
      out.println("It takes effect within one maintenance round; `concert-ops.jar status` shows it.");
      return 0;
    }
    if (outcome instanceof Outcome.AlreadySo already) {
      out.println("nothing to do: " + already.detail() + " (nothing written, nothing audited)");
      return 0;
    }
    if (outcome instanceof Outcome.NotAllowed refused) {
      err.println("ops: refused: " + refused.reason() + "; nothing changed");
      return 1;
    }
    Outcome.Contended contended = (Outcome.Contended) outcome;
    err.println("ops: other changes of the sale came first " + contended.attempts()
        + " times; nothing changed by this one. See `concert-ops.jar audit`, then try again");
    return 1;
  }

  void status(SaleStatus status) {
    if (json) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("concertId", status.concertId());
      document.put("at", status.at().toString());
      document.put("saleState", status.state());
      document.put("lastRoundSaleState", status.lastRound().orElse(null));
      document.put("paused", status.paused());
      document.put("closed", status.closed());
      document.put("saleOpensAt", status.saleOpensAt().map(Instant::toString).orElse(null));
      document.put("maxActive", status.maxActiveSet().orElse(null));
      document.put("maxActiveLastRound", status.maxActiveApplied().orElse(null));
      document.put("waiting", status.waiting());
      document.put("active", status.active());
      document.put("admissionsPerMinute", status.admissionsPerMinute().orElse(null));
      document.put("dates", status.dates().stream().map(OpsOutput::date).toList());
      print(document);
      return;
    }
    String recorded = status.lastRound().map(last -> last == status.state() ? "" : " (the last round recorded "
        + last + "; the next applies it)").orElse(" (no maintenance round yet)");
    out.printf("concert      %s, at %s%n", status.concertId(), status.at());
    out.printf("sale state   %s%s%n", status.state(), recorded);
    out.printf("opens at     %s%n", status.saleOpensAt().map(Instant::toString).orElse("open since it was created"));
    out.printf("operators    %s, %s%n", status.paused() ? "paused" : "not paused",
        status.closed() ? "closed" : "not closed");
    out.printf("max active   %s%n", status.maxActiveSet().map(set -> set + " (set by an operator)")
        .orElse("QUEUE_MAX_ACTIVE (no operator set one)")
        + status.maxActiveApplied().map(applied -> "; the last round applied " + applied).orElse(""));
    out.printf("queue        %d waiting, %d active, %s%n", status.waiting(), status.active(),
        status.admissionsPerMinute().map(rate -> rate + " admissions per minute").orElse("admission rate not measured yet"));
    out.printf("%-28s %-22s %9s %5s %5s%n", "date", "starts", "AVAILABLE", "HELD", "SOLD");
    for (DateSeats date : status.dates()) {
      out.printf("%-28s %-22s %9d %5d %5d%s%n", date.scheduleId(), date.startsAt(), date.available(), date.held(),
          date.sold(), date.started() ? "  (started)" : "");
    }
  }

  void audit(String concertId, List<AuditEntry> entries) {
    if (json) {
      print(Map.of("concertId", concertId, "changes", entries.stream().map(entry -> {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("at", entry.at().toString());
        item.put("operator", entry.operator());
        item.put("identity", entry.identity().isEmpty() ? null : entry.identity());
        item.put("command", entry.command());
        item.put("before", entry.before());
        item.put("after", entry.after());
        return item;
      }).toList()));
      return;
    }
    if (entries.isEmpty()) {
      out.println("no operator has changed the sale of " + concertId);
      return;
    }
    for (AuditEntry entry : entries) {
      out.println(entry.at() + "  " + entry.command() + "  by " + who(entry));
      out.println("    before: " + entry.before());
      out.println("    after:  " + entry.after());
    }
  }

  private static String who(AuditEntry entry) {
    return entry.operator() + (entry.identity().isEmpty() ? "" : " (" + entry.identity() + ")");
  }

  private static Map<String, Object> date(DateSeats date) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("scheduleId", date.scheduleId());
    item.put("startsAt", date.startsAt().toString());
    item.put("started", date.started());
    item.put("available", date.available());
    item.put("held", date.held());
    item.put("sold", date.sold());
    return item;
  }

  private void print(Object document) {
    try {
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
