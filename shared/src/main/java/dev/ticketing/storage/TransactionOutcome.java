package dev.ticketing.storage;

import java.util.List;

/**
 * How a TransactWriteItems ended: committed, or cancelled by a condition, with one reason code
 * per item ({@code "None"} where the item was fine), in the order the items were given.
 */
public record TransactionOutcome(boolean committed, List<String> reasons) {
  public static final TransactionOutcome COMMITTED = new TransactionOutcome(true, List.of());

  public TransactionOutcome {
    reasons = List.copyOf(reasons);
  }

  public boolean conditionFailedAt(int index) {
    return !committed && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index));
  }
}
