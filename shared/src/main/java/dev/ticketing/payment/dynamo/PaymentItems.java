package dev.ticketing.payment.dynamo;

import static dev.ticketing.storage.Items.n;
import static dev.ticketing.storage.Items.s;

import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentRecord;
import dev.ticketing.storage.Items;
import dev.ticketing.storage.UserPartition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Payments live in the payer's partition, sorted by time, so the history is one Query newest
 * first, read consistently: {@code USER#<userId>} / {@code PAYMENT#<history position>}
 * ({@link Payment#historyPosition()}). The seats are the list {@code seatNos}.
 * {@code paidWith} is the fingerprint of the queue token that paid ({@link PaymentRecord}).
 */
final class PaymentItems {
  static final String PREFIX = "PAYMENT#";

  private PaymentItems() {}

  static Map<String, AttributeValue> key(String userId, String historyPosition) {
    return Items.key(UserPartition.pk(userId), PREFIX + historyPosition);
  }

  static Map<String, AttributeValue> itemOf(PaymentRecord record) {
    Payment payment = record.payment();
    Map<String, AttributeValue> item = new HashMap<>(Map.of(
        "pk", s(UserPartition.pk(payment.userId())),
        "sk", s(PREFIX + payment.historyPosition()),
        "paymentId", s(payment.paymentId()),
        "reservationId", s(payment.reservationId()),
        "userId", s(payment.userId()),
        "amount", n(payment.amount()),
        "paidAt", n(payment.paidAt().toEpochMilli()),
        "concertId", s(payment.concertId()),
        "scheduleId", s(payment.scheduleId()),
        "seatNos", AttributeValue.fromL(payment.seatNos().stream().map(seatNo -> n(seatNo)).toList())));
    record.tokenFingerprint().ifPresent(fingerprint -> item.put("paidWith", s(fingerprint)));
    return item;
  }

  static PaymentRecord recordOf(Map<String, AttributeValue> item) {
    return new PaymentRecord(paymentOf(item), Optional.ofNullable(Items.string(item, "paidWith")));
  }

  static Payment paymentOf(Map<String, AttributeValue> item) {
    List<Integer> seatNos = item.get("seatNos").l().stream().map(v -> Integer.parseInt(v.n())).toList();
    return new Payment(Items.string(item, "paymentId"), Items.string(item, "reservationId"), Items.string(item, "userId"),
        Items.number(item, "amount"), Instant.ofEpochMilli(Items.number(item, "paidAt")), Items.string(item, "concertId"),
        Items.string(item, "scheduleId"), seatNos);
  }
}
