package dev.ticketing.payment;

import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;

/** Where a user's payments are listed. */
public interface PaymentHistory {

  /** The user's payments, newest first; a page continues after a {@link Payment#historyPosition()}. */
  Page<Payment> history(String userId, PageRequest page);
}
