package dev.ticketing.sale;

import java.time.Instant;

/** One operator change of a sale (docs/api.md, "Operator commands"), as the audit trail names it. */
public sealed interface SaleChange {
  /** The command as an operator types it, which the audit trail records. */
  String command();

  /** Stop admission; waiting users keep their places, active ones finish their turn. */
  record Pause() implements SaleChange {
    @Override
    public String command() {
      return "pause";
    }
  }

  record Resume() implements SaleChange {
    @Override
    public String command() {
      return "resume";
    }
  }

  /** Close the sale: joins refused, waiting tokens CLOSED, turns end. */
  record Close() implements SaleChange {
    @Override
    public String command() {
      return "close";
    }
  }

  /** Lift an operator's close; CLOSED tokens do not get their places back. */
  record Reopen() implements SaleChange {
    @Override
    public String command() {
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
    public String command() {
      return "set --max-active " + maxActive;
    }
  }

  /** Move the opening of a sale that has not opened yet. */
  record SetSaleOpensAt(Instant saleOpensAt) implements SaleChange {
    /** To the millisecond, as every instant is stored. */
    public SetSaleOpensAt {
      saleOpensAt = saleOpensAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Override
    public String command() {
      return "set --sale-opens-at " + saleOpensAt;
    }
  }
}
