package dev.ticketing.bench.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay's own arithmetic: waves of a round's requests, the rush's arrivals, user ids. */
class ReplayInstrumentsTest {
  private static ReplayMeter.Span span(long start, long end) {
    return new ReplayMeter.Span(start, end);
  }

  @Test
  void onlyWritesThatMakeATokenActiveOrExpiredAreAdmissions() {
    java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> token =
        java.util.Map.of("pk", av("TOKEN#abc"), "sk", av("TOKEN"));
    java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> counters =
        java.util.Map.of("pk", av("QUEUE#c"), "sk", av("STATE"));
    var activate = software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().key(token)
        .updateExpression("SET #status = :a").expressionAttributeValues(java.util.Map.of(":a", av("ACTIVE"), ":w", av("WAITING")))
        .build();
    var place = software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().key(token)
        .updateExpression("SET place = :p").expressionAttributeValues(java.util.Map.of(":w", av("WAITING"))).build();
    var ended = software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest.builder().transactItems(
        software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().update(u -> u.key(token)
            .updateExpression("SET #status = :e").expressionAttributeValues(java.util.Map.of(":e", av("EXPIRED")))).build(),
        software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().update(u -> u.key(counters)
            .updateExpression("ADD ended :one")).build()).build();
    var counterOnly = software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder().key(counters)
        .updateExpression("SET saleState = :s").expressionAttributeValues(java.util.Map.of(":s", av("ACTIVE"))).build();
    assertThat(ReplayMeter.isAdmissionWrite(activate)).isTrue();
    assertThat(ReplayMeter.isAdmissionWrite(ended)).isTrue();
    assertThat(ReplayMeter.isAdmissionWrite(place)).as("a drawn place written into its token: placement").isFalse();
    assertThat(ReplayMeter.isAdmissionWrite(counterOnly)).as("not a token").isFalse();
  }

  private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
    return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
  }

  @Test
  void sequentialRequestsAreOneWaveEach() {
    assertThat(RushReplay.waves(List.of(span(0, 10), span(10, 20), span(25, 30)), 16)).isEqualTo(3);
  }

  @Test
  void overlappingRequestsAreWavesOfThePoolsSize() {
    // 40 requests kept 16 at a time in flight (each starts before the one 16 earlier ends): ceil(40/16) = 3.
    List<ReplayMeter.Span> fanOut = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fanOut.add(span(100 + i, 130 + i));
    }
    fanOut.add(span(0, 50));      // a read before the fan-out
    fanOut.add(span(500, 510));   // a write after it
    assertThat(RushReplay.waves(fanOut, 16)).isEqualTo(1 + 3 + 1);
  }

  @Test
  void theFirstActivationIsCountedInTheWaveThatStoresIt() {
    List<ReplayMeter.Span> round = new java.util.ArrayList<>();
    round.add(span(0, 10));     // a read
    round.add(span(10, 20));    // the cursor's move
    for (int i = 0; i < 40; i++) {
      round.add(new ReplayMeter.Span(30 + i, 60 + i, i >= 20));  // the first activation is the 21st of its burst
    }
    round.add(span(200, 210));
    assertThat(RushReplay.wavesThrough(round, 16, ReplayMeter.Span::activation)).hasValue(2 + 2);
    assertThat(RushReplay.waves(round, 16)).isEqualTo(2 + 3 + 1);
    assertThat(RushReplay.wavesThrough(List.of(span(0, 10)), 16, ReplayMeter.Span::activation)).isEmpty();
  }

  @Test
  void arrivalsFollowTheRateAndAreReproducible() {
    RushSchedule.Shape shape = new RushSchedule.Shape(10_000, 2, 6);
    RushSchedule schedule = RushSchedule.draw(shape, 1);
    assertThat(schedule.users()).isBetween((int) (shape.expectedUsers() * 0.97), (int) (shape.expectedUsers() * 1.03));
    long firstSecond = java.util.Arrays.stream(schedule.arrivalMillis()).filter(t -> t < 1000).count();
    // peak·τ·(1 − e^(−1/τ)) = 7,869 expected in the first second.
    assertThat(firstSecond).isBetween(7_600L, 8_150L);
    assertThat(RushSchedule.draw(shape, 1).arrivalMillis()).isEqualTo(schedule.arrivalMillis());
    long repeats = schedule.joins().stream().filter(RushSchedule.Join::repeat).count();
    assertThat((double) repeats / schedule.users()).isBetween(0.04, 0.06);
    assertThat(shape.onePercentSecond()).isEqualTo(9);
  }

  @Test
  void userIdsAre255CharactersAndDistinct() {
    assertThat(RushSchedule.userId(0)).hasSize(255);
    assertThat(RushSchedule.userId(123_456)).hasSize(255).isNotEqualTo(RushSchedule.userId(12_345));
  }
}
