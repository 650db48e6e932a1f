package dev.ticketing.paging;

import java.util.List;
import java.util.Optional;

/** Items of one page, and the position to continue after when there are more. */
public record Page<T>(List<T> items, Optional<String> continueAfter) {}
