package dev.ticketing.sale;

import java.time.Instant;

/**
 * One operator change of a sale (docs/api.md, "Operator commands"). It names itself in the sale's
 * words for the audit trail; how an operator asks for it is the operator tool's business.
 */
public sealed interface SaleChange {
  /** The change as the audit trail records it, e.g. {@code pause} or {@code set max active 200}. */
  String description();

  /** Stop admission; waiting users keep their places, active ones finish their turn. */
  record Pause() implements SaleChange {
    @Override
    public String description() {
      return "pause";
    }
  }

  record Resume() implements SaleChange {
    @Override
    public String description() {
      return "resume";
    }
  }

  /** Close the sale: joins refused, waiting tokens CLOSED, turns end. */
  record Close() implements SaleChange {
    @Override
    public String description() {
      return "close";
    }
  }

  /** Lift an operator's close; CLOSED tokens do not get their places back. */
  record Reopen() implements SaleChange {
    @Override
    public String description() {
      return "reopen";
    }
  }

  /** The concert's own active limit, in place of {@code QUEUE_MAX_ACTIVE}. */
  record SetMaxActive(int maxActive) implements SaleChange {
    public SetMaxActive {
      if (maxActive < 1 || maxActive > OperateSale.MAX_ACTIVE_LIMIT) {
        throw new IllegalArgumentException("maxActive must be 1 to " + OperateSale.MAX_ACTIVE_LIMIT + ": " + maxActive);
      }
    }

    @Override
    public String description() {
      return "set max active " + maxActive;
    }
  }

  /** Move the opening of a sale that has not opened yet. */
  record SetSaleOpensAt(Instant saleOpensAt) implements SaleChange {
    /** To the millisecond, as every instant is stored. */
    public SetSaleOpensAt {
      saleOpensAt = saleOpensAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Override
    public String description() {
      return "set sale opens at " + saleOpensAt;
    }
  }
}
