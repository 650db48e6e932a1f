package dev.ticketing.storage;

/**
 * Storage stayed contended (transaction conflicts, keys a batch read left unprocessed) through
 * our bounded retries. The request
 * changed nothing and is safe to repeat: clients get {@code 503} with {@code Retry-After}.
 */
public final class StorageBusyException extends RuntimeException {
  public StorageBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
