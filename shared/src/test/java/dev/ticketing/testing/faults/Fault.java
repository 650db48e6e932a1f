package dev.ticketing.testing.faults;

/** What goes wrong with one attempt of a DynamoDB call. */
public enum Fault {
  /** DynamoDB refuses the attempt with ThrottlingException (400); nothing is written. */
  THROTTLE,
  /** DynamoDB answers 500 InternalServerError; nothing is written. */
  SERVER_ERROR,
  /** No answer within the SDK's attempt timeout; nothing is written. */
  TIMEOUT,
  /** The write succeeds, but its response is lost: the SDK sees a 500 and retries. */
  LOST_RESPONSE,
  /**
   * Another transaction touched the same items: {@code TransactionCanceledException} with
   * reason {@code TransactionConflict} for a transaction, {@code TransactionConflictException}
   * for a single-item call; nothing is written. The SDK does not retry these; our code does.
   */
  TRANSACTION_CONFLICT
}
