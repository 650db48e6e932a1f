package dev.ticketing.bench.rush;

import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SLOT for the rush-scale queue of issue 12 (not implemented yet: every method throws, and the
 * rush section reports the new half as missing and runs the legacy half alone).
 *
 * <p>To plug it in, implement the three methods against the production code on this branch:
 * <ul>
 *   <li>{@link #prepare}: seed the concert (e.g. {@code BenchEngine.app(client, stage.table(), stage.clock(),
 *       stage.environment()).catalogSeeder()} with one concert of id {@code stage.concertId()}) and anything
 *       maintenance writes before a sale (e.g. run one maintenance round so the state replicas exist);
 *   <li>{@link #newInstance}: build a NEW {@code AppComponent} per instance with
 *       {@code BenchEngine.app(client, stage.table(), stage.clock(), stage.environment())} (its own
 *       per-instance cache of the state replica), and map {@code joinQueue().join(userId, concertId)},
 *       {@code queueStatus().status(userId, Optional.of(token))} (with its {@code pollAfterSeconds}: the throttled
 *       part's pollers wait that long between polls) and one maintenance round (placement + admission for the
 *       concert) to {@link QueueDesign.FunctionInstance};
 *   <li>{@link #places}: read the tokens' items (consistent BatchGetItem through {@code observer}) and
 *       return the {@code place} attribute of those that have one.
 * </ul>
 * Nothing else in the benchmark needs to change: the section runs every design whose
 * {@link #prepare} does not throw {@link UnsupportedOperationException}.
 */
public final class NewQueueDesign implements QueueDesign {
  private static final String MISSING = "the new queue design is not plugged into the rush benchmark yet: implement "
      + NewQueueDesign.class.getName();

  @Override
  public String name() {
    return "new (issue 12)";
  }

  @Override
  public void prepare(Stage stage, DynamoDbClient client) {
    throw new UnsupportedOperationException(MISSING);
  }

  @Override
  public FunctionInstance newInstance(Stage stage, DynamoDbClient client) {
    throw new UnsupportedOperationException(MISSING);
  }

  @Override
  public Map<String, Long> places(Stage stage, DynamoDbClient observer, Collection<String> tokens) {
    throw new UnsupportedOperationException(MISSING);
  }
}
