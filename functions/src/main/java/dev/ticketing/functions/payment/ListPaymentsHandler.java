package dev.ticketing.functions.payment;

import dev.ticketing.functions.priming.Primed;
import dev.ticketing.functions.priming.Priming;
import dev.ticketing.functions.priming.PrimingEvents;
import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.paging.Cursors;
import dev.ticketing.paging.Page;
import dev.ticketing.payment.ListPayments;
import dev.ticketing.payment.Payment;
import dev.ticketing.wiring.AppComponent;
import java.util.List;
import java.util.Map;

/** {@code GET /users/me/payments}: the caller's payments, newest first, paged by cursor. */
public final class ListPaymentsHandler extends HttpFunction implements Primed {
  private final ListPayments listPayments;
  private final Priming priming;

  public ListPaymentsHandler() {
    this(AppComponent.fromEnvironment());
    priming.register();
  }

  public ListPaymentsHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.listPayments = app.listPayments();
    // The priming user's (empty) history: one Query.
    this.priming = Priming.of(Priming.request(this, () -> PrimingEvents.get(app.objectMapper(), "/users/me/payments", "/users/me/payments", Map.of())));
  }

  @Override
  public Priming priming() {
    return priming;
  }

  record PaymentsResponse(List<Payment> payments, String nextCursor) {}

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    Page<Payment> page = listPayments.list(userId, request.page(Payment::isHistoryPosition));
    return responses.json(200, new PaymentsResponse(page.items(), page.continueAfter().map(Cursors::encode).orElse(null)));
  }
}
