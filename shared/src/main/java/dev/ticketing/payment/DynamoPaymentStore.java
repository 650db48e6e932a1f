package dev.ticketing.payment;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.paging.Page;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.queue.ActiveSession;
import dev.ticketing.queue.PaymentSessionEnd;
import dev.ticketing.reservation.HoldConfirmation;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.Table;
import dev.ticketing.storage.TransactionOutcome;
import dev.ticketing.wallet.WalletKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Payments in DynamoDB: one TransactWriteItems of five items (docs/data-model.md, "Payments").
 * Each item's condition stands for one rule, and the cancellation reasons tell which broke.
 */
public final class DynamoPaymentStore implements PaymentStore {
  private static final int SEAT = 0;
  private static final int RESERVATION = 1;
  private static final int BALANCE = 2;
  private static final int RECORD = 3;
  private static final int TOKEN = 4;

  private final Table table;

  @Inject
  public DynamoPaymentStore(Table table) {
    this.table = table;
  }

  @Override
  public PayResult pay(Reservation reservation, ActiveSession session, Instant now) {
    Payment payment = PaymentRecords.of(reservation, now);
    List<TransactWriteItem> items = new ArrayList<>(HoldConfirmation.items(table.name(), reservation, now));
    items.add(TransactWriteItem.builder().update(u -> u.tableName(table.name())
        .key(Items.key(WalletKeys.userPk(reservation.userId()), WalletKeys.BALANCE_SK))
        .updateExpression("SET balance = balance - :price")
        .conditionExpression("balance >= :price")
        .expressionAttributeValues(Map.of(":price", n(reservation.price())))).build());
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table.name())
        .item(item(payment))
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
    if (confirmed.confirmedAt().isEmpty()) {
      return Optional.empty();
    }
    return table.get(Items.key(PaymentKeys.userPk(confirmed.userId()),
            PaymentKeys.paymentSk(confirmed.confirmedAt().get(), confirmed.reservationId())))
        .map(DynamoPaymentStore::paymentOf);
  }

  @Override
  public Page<Payment> history(String userId, PageRequest page) {
    QueryResponse response = table.query(q -> {
      q.keyConditionExpression("pk = :pk AND begins_with(sk, :payments)")
          .expressionAttributeValues(Map.of(":pk", s(PaymentKeys.userPk(userId)), ":payments", s(PaymentKeys.PREFIX)))
          .scanIndexForward(false)
          .consistentRead(true)
          // One more than asked tells whether another page follows.
          .limit(page.limit() + 1);
      page.after().ifPresent(position -> q.exclusiveStartKey(
          Items.key(PaymentKeys.userPk(userId), PaymentKeys.PREFIX + position)));
    });
    List<Payment> found = response.items().stream().map(DynamoPaymentStore::paymentOf).toList();
    if (found.size() <= page.limit()) {
      return new Page<>(found, Optional.empty());
    }
    List<Payment> shown = found.subList(0, page.limit());
    Payment last = shown.get(shown.size() - 1);
    return new Page<>(shown, Optional.of(PaymentKeys.position(last.paidAt(), last.reservationId())));
  }

  private static Map<String, AttributeValue> item(Payment payment) {
    return Map.of(
        "pk", s(PaymentKeys.userPk(payment.userId())),
        "sk", s(PaymentKeys.paymentSk(payment.paidAt(), payment.reservationId())),
        "paymentId", s(payment.paymentId()),
        "reservationId", s(payment.reservationId()),
        "userId", s(payment.userId()),
        "amount", n(payment.amount()),
        "paidAt", n(payment.paidAt().toEpochMilli()),
        "concertId", s(payment.concertId()),
        "scheduleId", s(payment.scheduleId()),
        "seatNo", n(payment.seatNo()));
  }

  private static Payment paymentOf(Map<String, AttributeValue> item) {
    return new Payment(Items.string(item, "paymentId"), Items.string(item, "reservationId"), Items.string(item, "userId"),
        Items.number(item, "amount"), Instant.ofEpochMilli(Items.number(item, "paidAt")), Items.string(item, "concertId"),
        Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo"));
  }
}
