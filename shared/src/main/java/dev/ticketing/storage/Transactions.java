package dev.ticketing.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * TransactWriteItems with what every caller needs: a transaction cancelled only because another
 * one touched the same items ({@code TransactionConflict}) is retried a bounded number of
 * times with jittered backoff; one cancelled by a condition is reported with its reasons.
 */
public final class Transactions {
  static final int CONFLICT_ATTEMPTS = 6;
  private static final Duration BASE_BACKOFF = Duration.ofMillis(10);

  private Transactions() {}

  /** How a transaction ended: committed, or cancelled with one reason code per item ("None" where fine). */
  public record Outcome(boolean committed, List<String> reasons) {
    public boolean conditionFailedAt(int index) {
      return !committed && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index));
    }
  }

  public static Outcome write(DynamoDbClient client, List<TransactWriteItem> items) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.transactWriteItems(r -> r.transactItems(items));
        return new Outcome(true, List.of());
      } catch (TransactionCanceledException e) {
        List<String> reasons = e.hasCancellationReasons()
            ? e.cancellationReasons().stream().map(Transactions::code).toList()
            : List.of();
        boolean conflictOnly = reasons.contains("TransactionConflict") && !reasons.contains("ConditionalCheckFailed");
        if (!conflictOnly || attempt >= CONFLICT_ATTEMPTS) {
          if (conflictOnly) {
            throw new StorageBusyException("transaction still conflicting after " + attempt + " attempts", e);
          }
          return new Outcome(false, reasons);
        }
      } catch (TransactionConflictException e) {
        if (attempt >= CONFLICT_ATTEMPTS) {
          throw new StorageBusyException("transaction still conflicting after " + attempt + " attempts", e);
        }
      }
      backOff(attempt);
    }
  }

  /**
   * A single-item write that may meet a transaction in progress on its item
   * ({@code TransactionConflictException}): retried like a conflicting transaction.
   */
  public static <T> T retryOnConflict(java.util.function.Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (TransactionConflictException e) {
        if (attempt >= CONFLICT_ATTEMPTS) {
          throw new StorageBusyException("write still conflicting after " + attempt + " attempts", e);
        }
      }
      backOff(attempt);
    }
  }

  private static String code(CancellationReason reason) {
    return reason.code() == null ? "None" : reason.code();
  }

  private static void backOff(int attempt) {
    long ceiling = BASE_BACKOFF.toNanos() << Math.min(attempt, 6);
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling));
  }
}
