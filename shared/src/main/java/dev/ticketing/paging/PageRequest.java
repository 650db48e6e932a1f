package dev.ticketing.paging;

import java.util.Optional;

/** One page of a list: at most {@code limit} items after the position {@code after} names. */
public record PageRequest(int limit, Optional<String> after) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
  }
}
