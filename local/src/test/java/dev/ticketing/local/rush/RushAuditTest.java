package dev.ticketing.local.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The rush's audit finds each kind of broken invariant in a table's items, and passes a sound table. */
class RushAuditTest {
  private static final String CONCERT = "winter-gala";
  private static final String DATE = "winter-gala-2026-12-24";
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private final List<Map<String, AttributeValue>> items = new ArrayList<>();
  private final ClientRecord client = new ClientRecord();

  @Test
  void a_sound_table_has_no_violations() {
    soundSale();

    RushAudit audit = RushAudit.of(items, CONCERT, client, NOW, true);

    assertThat(audit.violations()).isEmpty();
    assertThat(audit.soldSeats()).isEqualTo(1);
    assertThat(audit.payments()).isEqualTo(1);
    assertThat(audit.charged()).isEqualTo(200_000);
  }

  @Test
  void a_second_payment_for_a_sold_seat_is_found() {
    soundSale();
    items.add(item("USER#bob", "PAYMENT#000000000000002#r-2", Map.of("userId", "bob", "reservationId", "r-2",
        "paymentId", "pay_r-2", "scheduleId", DATE), Map.of("amount", 150_000L, "seatNo", 1L)));
    items.add(item("RESERVATION#r-2", "RESERVATION", Map.of("reservationId", "r-2", "userId", "bob", "status", "CONFIRMED",
        "scheduleId", DATE), Map.of("seatNo", 1L, "price", 150_000L)));

    assertThat(RushAudit.of(items, CONCERT, client, NOW, true).violations())
        .anyMatch(v -> v.contains("sold twice"))
        .anyMatch(v -> v.contains("but its seat 1 is"));
  }

  @Test
  void an_order_paid_in_part_or_not_for_the_sum_of_its_seats_is_found() {
    soundSale();
    items.add(seat(3, "SOLD", "bob", "r-5"));
    items.add(seat(4, "AVAILABLE", "bob", "r-5"));
    items.add(withSeats(item("RESERVATION#r-5", "RESERVATION", Map.of("reservationId", "r-5", "userId", "bob",
        "status", "CONFIRMED", "scheduleId", DATE), Map.of("price", 300_000L)), "seats", 3, 4));
    items.add(withSeats(item("USER#bob", "PAYMENT#000000000000003#r-5", Map.of("userId", "bob", "reservationId", "r-5",
        "paymentId", "pay_r-5", "scheduleId", DATE), Map.of("amount", 200_000L)), "seatNos", 3, 4));

    assertThat(RushAudit.of(items, CONCERT, client, NOW, true).violations())
        .anyMatch(v -> v.startsWith("payment for reservation r-5 but its seat 4 is"))
        .anyMatch(v -> v.equals("payment for reservation r-5 of 200000, its seats cost 150000"));
  }

  @Test
  void a_user_holding_and_owning_more_than_the_limit_is_found() {
    soundSale();
    items.add(withSeats(item("RESERVATION#r-6", "RESERVATION", Map.of("reservationId", "r-6", "userId", "alice",
        "status", "HELD", "scheduleId", DATE), Map.of("price", 450_000L, "holdExpiresAt", NOW.toEpochMilli() + 60_000)),
        "seats", 5, 6, 7));
    for (int seatNo = 5; seatNo <= 7; seatNo++) {
      items.add(seat(seatNo, "HELD", "alice", "r-6"));
    }
    assertThat(RushAudit.of(items, CONCERT, client, NOW, true).violations()).isEmpty();

    items.add(withSeats(item("RESERVATION#r-7", "RESERVATION", Map.of("reservationId", "r-7", "userId", "alice",
        "status", "HELD", "scheduleId", DATE), Map.of("price", 150_000L, "holdExpiresAt", NOW.toEpochMilli() + 60_000)),
        "seats", 8));
    items.add(seat(8, "HELD", "alice", "r-7"));

    assertThat(RushAudit.of(items, CONCERT, client, NOW, true).violations())
        .containsExactly("alice holds and owns 5 seats, over the limit of 4");
  }

  @Test
  void money_that_appears_or_vanishes_is_found_per_user_and_in_total() {
    soundSale();
    items.replaceAll(item -> item.get("sk").s().equals("BALANCE")
        ? item("USER#alice", "BALANCE", Map.of(), Map.of("balance", 60_000L)) : item);

    assertThat(RushAudit.of(items, CONCERT, client, NOW, true).violations())
        .anyMatch(v -> v.startsWith("alice: charges 200000 != balance 60000 + payments 150000"))
        .anyMatch(v -> v.startsWith("in total"));
  }

  @Test
  void a_charge_applied_twice_or_a_payment_nobody_was_told_of_is_found() {
    soundSale();
    items.add(item("USER#alice", "CHARGE#key:again", Map.of(), Map.of("amount", 200_000L)));
    items.replaceAll(item -> item.get("sk").s().equals("BALANCE")
        ? item("USER#alice", "BALANCE", Map.of(), Map.of("balance", 250_000L)) : item);
    ClientRecord untold = new ClientRecord();
    untold.charged("alice", 200_000);

    assertThat(RushAudit.of(items, CONCERT, untold, NOW, true).violations())
        .anyMatch(v -> v.startsWith("alice: made charges of 200000 but the ledger holds 400000"))
        .anyMatch(v -> v.contains("that no user was told of"));
  }

  @Test
  void a_sold_seat_without_its_payment_and_two_running_holds_of_a_seat_are_found() {
    items.add(seat(2, "SOLD", "carol", "r-9"));
    for (String id : List.of("r-3", "r-4")) {
      items.add(item("RESERVATION#" + id, "RESERVATION", Map.of("reservationId", id, "userId", "dave", "status", "HELD",
          "scheduleId", DATE), Map.of("seatNo", 3L, "price", 150_000L, "holdExpiresAt", NOW.toEpochMilli() + 60_000)));
    }

    assertThat(RushAudit.of(items, CONCERT, client, NOW, true).violations())
        .anyMatch(v -> v.contains("SOLD without a payment"))
        .anyMatch(v -> v.contains("2 running holds"));
  }

  /** alice charged 200,000 and bought an order of seat 1 at 150,000: every item as the service writes them. */
  private void soundSale() {
    items.add(seat(1, "SOLD", "alice", "r-1"));
    items.add(withSeats(item("RESERVATION#r-1", "RESERVATION", Map.of("reservationId", "r-1", "userId", "alice",
        "status", "CONFIRMED", "scheduleId", DATE), Map.of("price", 150_000L)), "seats", 1));
    items.add(withSeats(item("USER#alice", "PAYMENT#000000000000001#r-1", Map.of("userId", "alice", "reservationId", "r-1",
        "paymentId", "pay_r-1", "scheduleId", DATE), Map.of("amount", 150_000L)), "seatNos", 1));
    items.add(item("USER#alice", "CHARGE#key:alice-topup", Map.of(), Map.of("amount", 200_000L)));
    items.add(item("USER#alice", "BALANCE", Map.of(), Map.of("balance", 50_000L)));
    client.charged("alice", 200_000);
    client.paid(new ClientRecord.PaidOrder("alice", "r-1", "pay_r-1", DATE, List.of(1), 150_000));
  }

  private static Map<String, AttributeValue> seat(int seatNo, String status, String holder, String reservationId) {
    return item("CONCERT#" + CONCERT, String.format("SCHEDULE#%s#SEAT#%02d", DATE, seatNo), Map.of("status", status,
        "holdUserId", holder, "reservationId", reservationId, "scheduleId", DATE), Map.of("seatNo", (long) seatNo,
        "price", 150_000L));
  }

  /** {@code item} with its seats: a reservation's {@code seats} ({seatNo, price 150,000}) or a payment's {@code seatNos}. */
  private static Map<String, AttributeValue> withSeats(Map<String, AttributeValue> item, String attribute, Integer... seatNos) {
    item.put(attribute, AttributeValue.fromL(java.util.Arrays.stream(seatNos)
        .map(seatNo -> attribute.equals("seats")
            ? AttributeValue.fromM(Map.of("seatNo", AttributeValue.fromN(String.valueOf(seatNo)), "price", AttributeValue.fromN("150000")))
            : AttributeValue.fromN(String.valueOf(seatNo)))
        .toList()));
    return item;
  }

  private static Map<String, AttributeValue> item(String pk, String sk, Map<String, String> strings, Map<String, Long> numbers) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromS(sk));
    strings.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
    numbers.forEach((name, value) -> item.put(name, AttributeValue.fromN(String.valueOf(value))));
    return item;
  }
}
