package dev.ticketing.payment;

import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import javax.inject.Inject;

/** Use case: the caller's payment history, newest first, a page at a time. */
public final class ListPayments {
  private final PaymentHistory store;

  @Inject
  public ListPayments(PaymentHistory store) {
    this.store = store;
  }

  public Page<Payment> list(String userId, PageRequest page) {
    return store.history(userId, page);
  }
}
