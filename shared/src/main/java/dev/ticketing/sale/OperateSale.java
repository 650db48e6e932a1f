package dev.ticketing.sale;

import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Use case (operators, from the command line; docs/api.md, "Operator commands"): change how a sale runs
 * and read the trail of every change. Each change is a compare-and-set on the sale's control
 * together with its {@link AuditEntry} ({@link SaleControlStore#change}); one that loses a race
 * with another operator reads the control again and decides again, a few times. Maintenance
 * applies a change within one round.
 *
 * <p>A change that would leave the sale as it is (a pause of a paused sale) writes nothing and
 * is not audited: the trail records only what changed the sale, so it never shows a pause that
 * did not pause anything. Such a command still succeeds: the sale is as the operator asked.
 * (Should the SDK retry a transaction that did commit, the retry fails its condition and the next
 * attempt finds the sale as asked: the command then reports it already so, and the trail holds
 * its one entry.)
 */
public final class OperateSale {
  /**
   * The highest per-concert active limit: each admitted user is a token written in one round,
   * and a venue of a few hundred seats a date has no use for more users at once.
   */
  public static final int MAX_ACTIVE_LIMIT = 10_000;
  /** The opening moves only while more than this far away, and only to an instant this far ahead (docs/api.md). */
  public static final Duration OPENING_NOTICE = Duration.ofMinutes(10);
  /**
   * How far one move may postpone the opening: pre-queue tokens live a year past the 7 days after
   * the opening they joined under (queue.dynamo.QueueItems.KEEP_PRE_QUEUED).
   */
  public static final Duration MAX_POSTPONEMENT = Duration.ofDays(365);
  static final int ATTEMPTS = 5;

  /** What a change came to. */
  public sealed interface Outcome {
    /** Changed and audited. */
    record Changed(AuditEntry entry) implements Outcome {}

    /** The sale already was as asked: nothing written, nothing audited. */
    record AlreadySo(String detail) implements Outcome {}

    /** Not allowed now (why says so); nothing changed. */
    record NotAllowed(String reason) implements Outcome {}

    /** Other changes came first every time; nothing changed by this one. */
    record Contended(int attempts) implements Outcome {}
  }

  private final SaleSnapshots sales;
  private final SaleTermsStore terms;
  private final SaleControlStore controls;

  @Inject
  public OperateSale(SaleSnapshots sales, SaleTermsStore terms, SaleControlStore controls) {
    this.sales = sales;
    this.terms = terms;
    this.controls = controls;
  }

  /** Applies {@code change} to the concert's sale as {@code operator}; an unknown concert is refused. */
  public Outcome apply(String concertId, SaleChange change, Operator operator) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      SaleSnapshot snapshot = sales.read(concertId);
      SaleTerms sale = snapshot.terms();
      SaleControl before = snapshot.control();
      Instant now = snapshot.at();
      Decision decision = decide(snapshot, change);
      if (decision.outcome().isPresent()) {
        return decision.outcome().get();
      }
      Optional<Instant> opensAfter = decision.opensAt().or(sale::saleOpensAt);
      AuditEntry entry = new AuditEntry(now, operator.name(), operator.identity(), change.description(),
          describe(before, sale.saleOpensAt()), describe(decision.next(), opensAfter));
      boolean committed = decision.opensAt().isPresent()
          ? controls.changeOpening(concertId, before, sale.saleOpensAt().orElseThrow(), decision.opensAt().get(), entry)
          : controls.change(concertId, before, decision.next(), entry);
      if (committed) {
        return new Outcome.Changed(entry);
      }
      // Another change came first (or, for the opening, the draw's seed was published): decide again on what is there now.
    }
    return new Outcome.Contended(ATTEMPTS);
  }

  /** Every change of the concert's sale, newest first; an unknown concert is refused. */
  public List<AuditEntry> audit(String concertId) {
    saleTerms(concertId);
    return controls.audit(concertId);
  }

  /** The operators' settings as the audit trail shows them before and after a change. */
  public static String describe(SaleControl control, Optional<Instant> saleOpensAt) {
    return "paused=" + control.paused() + " closed=" + control.closed()
        + " maxActive=" + control.maxActive().map(String::valueOf).orElse("default")
        + " saleOpensAt=" + saleOpensAt.map(Instant::toString).orElse("none");
  }

  /** Either the outcome already (nothing to write), or the control to write and, for a move, the new opening. */
  private record Decision(Optional<Outcome> outcome, SaleControl next, Optional<Instant> opensAt) {
    static Decision done(Outcome outcome) {
      return new Decision(Optional.of(outcome), null, Optional.empty());
    }

    static Decision write(SaleControl next) {
      return new Decision(Optional.empty(), next, Optional.empty());
    }
  }

  private static Decision decide(SaleSnapshot snapshot, SaleChange change) {
    SaleControl before = snapshot.control();
    // Java 17: no pattern matching in switch yet.
    if (change instanceof SaleChange.Pause) {
      return before.paused() ? Decision.done(new Outcome.AlreadySo("the sale is already paused"))
          : Decision.write(before.paused(true));
    }
    if (change instanceof SaleChange.Resume) {
      return !before.paused() ? Decision.done(new Outcome.AlreadySo("the sale is not paused"))
          : Decision.write(before.paused(false));
    }
    if (change instanceof SaleChange.Close) {
      return before.closed() ? Decision.done(new Outcome.AlreadySo("the sale is already closed"))
          : Decision.write(before.closed(true));
    }
    if (change instanceof SaleChange.Reopen) {
      return before.closed() ? Decision.write(before.closed(false))
          : Decision.done(new Outcome.AlreadySo(notClosedByAnOperator(snapshot.state())));
    }
    if (change instanceof SaleChange.SetMaxActive set) {
      return before.maxActive().equals(Optional.of(set.maxActive()))
          ? Decision.done(new Outcome.AlreadySo("the active limit is already " + set.maxActive()))
          : Decision.write(before.withMaxActive(set.maxActive()));
    }
    return moveOpening(snapshot, ((SaleChange.SetSaleOpensAt) change).saleOpensAt());
  }

  private static Decision moveOpening(SaleSnapshot snapshot, Instant next) {
    SaleTerms sale = snapshot.terms();
    Instant now = snapshot.at();
    if (sale.saleOpensAt().equals(Optional.of(next))) {
      return Decision.done(new Outcome.AlreadySo("the sale already opens at " + next));
    }
    SaleState state = snapshot.state();
    if (state != SaleState.UPCOMING || sale.saleOpensAt().isEmpty() || sale.seedPublished()) {
      return Decision.done(new Outcome.NotAllowed("the sale is " + state
          + "; its opening moves only while it is UPCOMING" + (state == SaleState.PAUSED ? " (resume it first)" : "")));
    }
    Instant current = sale.saleOpensAt().get();
    if (!current.isAfter(now.plus(OPENING_NOTICE))) {
      return Decision.done(new Outcome.NotAllowed("the sale opens at " + current
          + ", 10 minutes or less from now: too late to move it"));
    }
    if (!next.isAfter(now.plus(OPENING_NOTICE))) {
      return Decision.done(new Outcome.NotAllowed("the new opening " + next
          + " must be more than 10 minutes from now (" + now + ")"));
    }
    if (next.isAfter(current.plus(MAX_POSTPONEMENT))) {
      return Decision.done(new Outcome.NotAllowed("the new opening " + next
          + " is more than 365 days after the current one; the pre-queue's tokens would not live to see it"));
    }
    return new Decision(Optional.empty(), snapshot.control().touched(), Optional.of(next));
  }

  private static String notClosedByAnOperator(SaleState state) {
    return state == SaleState.CLOSED
        ? "no operator closed the sale: it is CLOSED because no seat can be sold any more, which reopen does not change"
        : "the sale is not closed (it is " + state + ")";
  }

  private SaleTerms saleTerms(String concertId) {
    return terms.terms(concertId).orElseThrow(() -> new Refused(Refusal.CONCERT_NOT_FOUND, "no concert " + concertId));
  }
}
