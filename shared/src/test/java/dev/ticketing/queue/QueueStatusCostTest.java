package dev.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.catalog.seed.DemoCatalog;
import dev.ticketing.domain.Refusal;
import dev.ticketing.domain.Refused;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.testing.Concurrently;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.TestApp;
import dev.ticketing.testing.TestComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;

/** A status poll costs one DynamoDB request whatever the queue's length. */
@ExtendWith(DynamoDbExtension.class)
class QueueStatusCostTest {
  private static final String CONCERT = "winter-gala";

  @Test
  void a_status_poll_is_one_request_with_10_and_with_10000_waiting(TestTable table) throws Exception {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    RequestCounter counter = new RequestCounter();
    TestTable counted = table.through(counter);
    TestComponent app = TestApp.on(counted, clock, Map.of("QUEUE_MAX_ACTIVE", "1"));
    app.catalogSeeder().seed(DemoCatalog.create(clock));

    List<String> tokens = Concurrently.run(10, 10, i -> app.joinQueue().join("early-" + i, CONCERT).view().token());
    assertThat(requestsForOnePoll(app, counter, "early-9", tokens.get(9))).isEqualTo(Map.of("BatchGetItem", 1));

    Concurrently.run(9_990, 32, i -> app.joinQueue().join("late-" + i, CONCERT));
    assertThat(app.admissionStore().counters(CONCERT).issued()).isEqualTo(10_000);
    assertThat(requestsForOnePoll(app, counter, "early-9", tokens.get(9))).isEqualTo(Map.of("BatchGetItem", 1));
  }

  @Test
  void a_poll_reads_eventually_consistently_and_rereads_consistently_before_calling_a_token_unknown(TestTable table) {
    MutableClock clock = MutableClock.at("2026-11-25T00:00:00Z");
    List<Boolean> consistentReads = new CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof BatchGetItemRequest batch) {
          batch.requestItems().values().forEach(keys -> consistentReads.add(Boolean.TRUE.equals(keys.consistentRead())));
        }
      }
    };
    TestTable recorded = table.through(recorder);
    TestComponent app = TestApp.on(recorded, clock);
    app.catalogSeeder().seed(DemoCatalog.create(clock));
    String token = app.joinQueue().join("ann", CONCERT).view().token();

    consistentReads.clear();
    assertThat(app.queueStatus().status("ann", Optional.of(token)).status()).isEqualTo(QueueToken.Status.WAITING);
    assertThat(consistentReads).containsExactly(false);

    consistentReads.clear();
    String unknown = CONCERT + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThatThrownBy(() -> app.queueStatus().status("ann", Optional.of(unknown)))
        .isInstanceOfSatisfying(Refused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.TOKEN_INVALID));
    assertThat(consistentReads).containsExactly(false, true);
  }

  private static Map<String, Integer> requestsForOnePoll(TestComponent app, RequestCounter counter, String user, String token) {
    counter.reset();
    QueueView view = app.queueStatus().status(user, Optional.of(token));
    assertThat(view.status()).isEqualTo(QueueToken.Status.WAITING);
    return counter.byOperation();
  }
}
