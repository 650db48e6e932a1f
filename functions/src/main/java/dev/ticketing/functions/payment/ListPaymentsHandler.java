package dev.ticketing.functions.payment;

import dev.ticketing.http.ApiGatewayResponse;
import dev.ticketing.http.HttpFunction;
import dev.ticketing.http.HttpRequest;
import dev.ticketing.paging.Cursors;
import dev.ticketing.paging.Page;
import dev.ticketing.payment.ListPayments;
import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentKeys;
import dev.ticketing.wiring.AppComponent;
import java.util.List;

/** {@code GET /users/me/payments}: the caller's payments, newest first, paged by cursor. */
public final class ListPaymentsHandler extends HttpFunction {
  private final ListPayments listPayments;

  public ListPaymentsHandler() {
    this(AppComponent.fromEnvironment());
  }

  public ListPaymentsHandler(AppComponent app) {
    super(app.objectMapper(), app.log());
    this.listPayments = app.listPayments();
  }

  record PaymentsResponse(List<Payment> payments, String nextCursor) {}

  @Override
  protected ApiGatewayResponse handle(HttpRequest request) {
    String userId = request.userId();
    Page<Payment> page = listPayments.list(userId, request.page(PaymentKeys::isPosition));
    return responses.json(200, new PaymentsResponse(page.items(), page.continueAfter().map(Cursors::encode).orElse(null)));
  }
}
