package dev.ticketing.payment.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.payment.Payment;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.UserPartition;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Payments live in the payer's partition, sorted by time, so the history is one Query newest
 * first, read consistently: {@code USER#<userId>} / {@code PAYMENT#<history position>}
 * ({@link Payment#historyPosition()}).
 */
final class PaymentItems {
  static final String PREFIX = "PAYMENT#";

  private PaymentItems() {}

  static Map<String, AttributeValue> key(String userId, String historyPosition) {
    return Items.key(UserPartition.pk(userId), PREFIX + historyPosition);
  }

  static Map<String, AttributeValue> itemOf(Payment payment) {
    return Map.of(
        "pk", s(UserPartition.pk(payment.userId())),
        "sk", s(PREFIX + payment.historyPosition()),
        "paymentId", s(payment.paymentId()),
        "reservationId", s(payment.reservationId()),
        "userId", s(payment.userId()),
        "amount", n(payment.amount()),
        "paidAt", n(payment.paidAt().toEpochMilli()),
        "concertId", s(payment.concertId()),
        "scheduleId", s(payment.scheduleId()),
        "seatNo", n(payment.seatNo()));
  }

  static Payment paymentOf(Map<String, AttributeValue> item) {
    return new Payment(Items.string(item, "paymentId"), Items.string(item, "reservationId"), Items.string(item, "userId"),
        Items.number(item, "amount"), Instant.ofEpochMilli(Items.number(item, "paidAt")), Items.string(item, "concertId"),
        Items.string(item, "scheduleId"), (int) Items.number(item, "seatNo"));
  }
}
