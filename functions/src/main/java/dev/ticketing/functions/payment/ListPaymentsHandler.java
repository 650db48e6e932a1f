package dev.ticketing.functions.payment;

import dev.ticketing.functions.priming.PrimedHttpFunction;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.paging.Cursors;
import dev.ticketing.paging.Page;
import dev.ticketing.payment.ListPayments;
import dev.ticketing.payment.Payment;
import dev.ticketing.wiring.AppComponent;
import java.util.List;

/** {@code GET /users/me/payments}: the caller's payments, newest first, paged by cursor. */
public final class ListPaymentsHandler extends PrimedHttpFunction {
  private final ListPayments listPayments;

  public ListPaymentsHandler() {
    this(AppComponent.fromEnvironment());
    priming().register();
  }

  public ListPaymentsHandler(AppComponent app) {
    // The priming user's (empty) history: one Query.
    super(app, Priming.request("GET", "/users/me/payments"));
    this.listPayments = app.listPayments();
  }

  record PaymentsResponse(List<Payment> payments, String nextCursor) {}

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    Page<Payment> page = listPayments.list(request.userId(), request.page(Payment::isHistoryPosition));
    return responses.json(200, new PaymentsResponse(page.items(), page.continueAfter().map(Cursors::encode).orElse(null)));
  }
}
