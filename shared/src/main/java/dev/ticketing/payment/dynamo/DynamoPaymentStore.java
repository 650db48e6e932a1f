package dev.ticketing.payment.dynamo;

import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentRecord;
import dev.ticketing.payment.PaymentStore;
import dev.ticketing.queue.gate.ActiveSession;
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
import java.util.stream.IntStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Payments in DynamoDB: one TransactWriteItems (docs/data-model.md, "Payments"), each feature
 * contributing its own items: the reservation, its seats and the ticket count
 * ({@link HoldConfirmation}), the balance ({@link BalanceDebit}), the payment record, the token
 * ({@link PaymentSessionEnd}). Each item's condition stands for one rule, and the cancellation
 * reasons tell which broke.
 */
@Singleton
final class DynamoPaymentStore implements PaymentStore {
  private final Table table;

  @Inject
  DynamoPaymentStore(Table table, StoragePriming priming) {
    this.table = table;
    // The payment's transaction (its record's partition) and the payment's read.
    priming.refusedTransaction(UserPartition.PREFIX);
    priming.getItem(UserPartition.PREFIX);
  }

  @Override
  public PayResult pay(Reservation reservation, PaymentRecord record, ActiveSession session) {
    Instant now = record.payment().paidAt();
    List<TransactWriteItem> items = new ArrayList<>(HoldConfirmation.items(table.name(), reservation, now));
    int confirmation = items.size();
    int balance = confirmation;
    int payment = confirmation + 1;
    int token = confirmation + 2;
    items.add(BalanceDebit.item(table.name(), reservation.userId(), reservation.price()));
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table.name())
        .item(PaymentItems.itemOf(record))
        .conditionExpression("attribute_not_exists(pk)")).build());
    items.add(PaymentSessionEnd.item(table.name(), session, now));

    TransactionOutcome outcome = table.transact(items);
    if (outcome.committed()) {
      return PayResult.PAID;
    }
    if (outcome.conditionFailedAt(payment)) {
      return PayResult.ALREADY_RECORDED;
    }
    if (outcome.conditionFailedAt(HoldConfirmation.RESERVATION)) {
      return PayResult.RESERVATION_NOT_HELD;
    }
    if (outcome.conditionFailedAt(token)) {
      return PayResult.TOKEN_SPENT;
    }
    // A seat, or the count's listing, no longer under this hold.
    if (IntStream.range(HoldConfirmation.RESERVATION + 1, confirmation).anyMatch(outcome::conditionFailedAt)) {
      return PayResult.SEAT_NOT_HELD;
    }
    if (outcome.conditionFailedAt(balance)) {
      return PayResult.INSUFFICIENT_BALANCE;
    }
    throw new IllegalStateException("payment cancelled: " + outcome.reasons());
  }

  @Override
  public Optional<PaymentRecord> paymentOf(Reservation confirmed) {
    return confirmed.confirmedAt()
        .flatMap(paidAt -> table.get(PaymentItems.key(confirmed.userId(),
            Payment.historyPosition(paidAt, confirmed.reservationId()))))
        .map(PaymentItems::recordOf);
  }
}
