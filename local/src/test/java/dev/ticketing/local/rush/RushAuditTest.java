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
        .anyMatch(v -> v.contains("but its seat is"));
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

  /** alice charged 200,000 and bought seat 1 at 150,000: every item as the service writes them. */
  private void soundSale() {
    items.add(seat(1, "SOLD", "alice", "r-1"));
    items.add(item("RESERVATION#r-1", "RESERVATION", Map.of("reservationId", "r-1", "userId", "alice", "status", "CONFIRMED",
        "scheduleId", DATE), Map.of("seatNo", 1L, "price", 150_000L)));
    items.add(item("USER#alice", "PAYMENT#000000000000001#r-1", Map.of("userId", "alice", "reservationId", "r-1",
        "paymentId", "pay_r-1", "scheduleId", DATE), Map.of("amount", 150_000L, "seatNo", 1L)));
    items.add(item("USER#alice", "CHARGE#key:alice-topup", Map.of(), Map.of("amount", 200_000L)));
    items.add(item("USER#alice", "BALANCE", Map.of(), Map.of("balance", 50_000L)));
    client.charged("alice", 200_000);
    client.paid(new ClientRecord.PaidSeat("alice", "r-1", "pay_r-1", DATE, 1, 150_000));
  }

  private static Map<String, AttributeValue> seat(int seatNo, String status, String holder, String reservationId) {
    return item("CONCERT#" + CONCERT, String.format("SCHEDULE#%s#SEAT#%02d", DATE, seatNo), Map.of("status", status,
        "holdUserId", holder, "reservationId", reservationId, "scheduleId", DATE), Map.of("seatNo", (long) seatNo,
        "price", 150_000L));
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
