package dev.ticketing.functions.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.SamTemplate.FunctionDefinition;
import dev.ticketing.engine.junit.DynamoDbExtension;
import dev.ticketing.engine.junit.TestTable;
import dev.ticketing.functions.maintenance.MaintenanceHandler;
import dev.ticketing.functions.queue.JoinQueueHandler;
import dev.ticketing.maintenance.MaintenanceRounds;
import dev.ticketing.testing.MutableClock;
import dev.ticketing.testing.RequestCounter;
import dev.ticketing.testing.TestApp;
import dev.ticketing.wiring.AppComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every function of template.yaml answers the operators' warm-up, {@code {"warm": true}} invoked
 * directly, with its name and without a single request to storage: the warm-up restores an
 * environment before a sale and must not compete with the sale for the table.
 */
@ExtendWith(DynamoDbExtension.class)
class WarmUpTest {
  private static final MutableClock CLOCK = MutableClock.at("2026-11-25T00:00:00Z");
  private final SamTemplate template = SamTemplate.load(ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow());
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void every_function_answers_a_warm_up_without_touching_storage(TestTable table) throws Exception {
    RequestCounter counter = new RequestCounter();
    List<FunctionDefinition> functions = template.functions();
    assertThat(functions).as("the template's functions").hasSize(15);
    for (FunctionDefinition function : functions) {
      AppComponent app = TestApp.on(table.through(counter), CLOCK);
      RequestStreamHandler handler = (RequestStreamHandler) Class.forName(function.handlerClass())
          .getConstructor(AppComponent.class).newInstance(app);
      for (String warmUp : List.of("{\"warm\": true}", "{\"warm\":true}\n")) {
        counter.reset();

        JsonNode answer = invoke(handler, warmUp, null);

        assertThat(answer.toString()).as(function.logicalId())
            .isEqualTo("{\"warm\":true,\"function\":\"" + handler.getClass().getSimpleName() + "\"}");
        assertThat(counter.byOperation()).as(function.logicalId() + "'s requests to storage").isEmpty();
      }
    }
  }

  @Test
  void the_answer_names_the_function_lambda_ran(TestTable table) throws Exception {
    Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getFunctionName") ? "concert-reservation-JoinQueue-AbC" : null);
    JoinQueueHandler join = new JoinQueueHandler(TestApp.on(table, CLOCK));

    assertThat(invoke(join, "{\"warm\": true}", context).path("function").asText())
        .isEqualTo("concert-reservation-JoinQueue-AbC");
  }

  /** Anything else is the function's own event: a maintenance event with {@code "warm": false} runs a round. */
  @Test
  void only_warm_true_is_a_warm_up(TestTable table) throws Exception {
    RequestCounter counter = new RequestCounter();
    MaintenanceHandler maintenance = new MaintenanceHandler(TestApp.on(table.through(counter), CLOCK));
    counter.reset();

    JsonNode answer = invoke(maintenance, "{\"warm\": false}", oneRoundLeft());

    assertThat(answer.path("status").asText()).isEqualTo("ok");
    assertThat(counter.total()).as("the round read the table").isPositive();
  }

  /** A Lambda context with one round's budget left: the maintenance function runs exactly one. */
  private static Context oneRoundLeft() {
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis")
            ? (int) MaintenanceRounds.ROUND_BUDGET.toMillis() : null);
  }

  private JsonNode invoke(RequestStreamHandler handler, String event, Context context) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
    return json.readTree(output.toByteArray());
  }
}
