package dev.ticketing.storage;

/**
 * Storage could not answer in time: throttled, failing (5xx), timed out, unreachable, or
 * contended by other transactions, through the SDK's retries and ours. The request changed
 * nothing it would not change again on a repeat, so it is safe to retry: clients get {@code 503}
 * with {@code Retry-After}. {@link Table} is the one place that raises it; the cause says what
 * the SDK reported, for the logs.
 */
public final class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
