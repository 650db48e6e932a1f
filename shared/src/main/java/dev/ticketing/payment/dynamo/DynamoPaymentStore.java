package dev.ticketing.payment.dynamo;

import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentStore;
import dev.ticketing.queue.ActiveSession;
import dev.ticketing.queue.dynamo.PaymentSessionEnd;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.dynamo.HoldConfirmation;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import dev.ticketing.storage.UserPartition;
import dev.ticketing.wallet.dynamo.BalanceDebit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Payments in DynamoDB: one TransactWriteItems of five items (docs/data-model.md, "Payments"),
 * each feature contributing its own: the seat and the reservation ({@link HoldConfirmation}), the
 * balance ({@link BalanceDebit}), the payment record, the token ({@link PaymentSessionEnd}). Each
 * item's condition stands for one rule, and the cancellation reasons tell which broke.
 */
@Singleton
final class DynamoPaymentStore implements PaymentStore {
  private static final int SEAT = 0;
  private static final int RESERVATION = 1;
  private static final int BALANCE = 2;
  private static final int RECORD = 3;
  private static final int TOKEN = 4;

  private final Table table;

  @Inject
  DynamoPaymentStore(Table table, StoragePriming priming) {
    this.table = table;
    // The payment's transaction (its record's partition) and the payment's read.
    priming.refusedTransaction(UserPartition.PREFIX);
    priming.getItem(UserPartition.PREFIX);
  }

  @Override
  public PayResult pay(Reservation reservation, Payment payment, ActiveSession session) {
    Instant now = payment.paidAt();
    List<TransactWriteItem> items = new ArrayList<>(HoldConfirmation.items(table.name(), reservation, now));
    items.add(BalanceDebit.item(table.name(), reservation.userId(), reservation.price()));
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table.name())
        .item(PaymentItems.itemOf(payment))
        .conditionExpression("attribute_not_exists(pk)")).build());
    items.add(PaymentSessionEnd.item(table.name(), session, now));

    TransactionOutcome outcome = table.transact(items);
    if (outcome.committed()) {
      return PayResult.PAID;
    }
    if (outcome.conditionFailedAt(RECORD)) {
      return PayResult.ALREADY_RECORDED;
    }
    if (outcome.conditionFailedAt(RESERVATION)) {
      return PayResult.RESERVATION_NOT_HELD;
    }
    if (outcome.conditionFailedAt(TOKEN)) {
      return PayResult.TOKEN_SPENT;
    }
    if (outcome.conditionFailedAt(SEAT)) {
      return PayResult.SEAT_NOT_HELD;
    }
    if (outcome.conditionFailedAt(BALANCE)) {
      return PayResult.INSUFFICIENT_BALANCE;
    }
    throw new IllegalStateException("payment cancelled: " + outcome.reasons());
  }

  @Override
  public Optional<Payment> paymentOf(Reservation confirmed) {
    return confirmed.confirmedAt()
        .flatMap(paidAt -> table.get(PaymentItems.key(confirmed.userId(),
            Payment.historyPosition(paidAt, confirmed.reservationId()))))
        .map(PaymentItems::paymentOf);
  }
}
