package dev.ticketing.engine.junit;

import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.MotoEngine;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.TableDefinition;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The storage tests against a second, independent emulator: moto's {@code moto_server}, started
 * once per test JVM on a free loopback port and stopped when the test plan ends (and, whatever
 * happens, with the JVM). A fresh table per test, created from the template. Requests reach moto
 * one at a time ({@link OneAtATime}): moto does not isolate concurrent requests as DynamoDB does.
 * Where {@code moto_server} is not installed, every test using it is reported skipped.
 */
public class MotoExtension implements ExecutionCondition, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

  record SharedServer(MotoEngine engine, OneAtATime gate, DynamoDbClient client, TableDefinition table)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      client.close();
      gate.close();
      engine.close();
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return installed(context).isPresent()
        ? ConditionEvaluationResult.enabled("moto_server installed")
        : ConditionEvaluationResult.disabled("moto skipped: moto_server is not installed (set MOTO_SERVER or put it on the PATH)");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestTable.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SharedServer shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedServer.class,
        key -> start(installed(context).orElseThrow()), SharedServer.class);
    String name = "test-" + UUID.randomUUID();
    LocalTables.createIfMissing(shared.client(), shared.table(), name);
    return new TestTable(name, shared.client(), shared.gate().endpoint(), "moto");
  }

  @SuppressWarnings("unchecked")
  private static Optional<Path> installed(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("installed", key -> MotoEngine.installed(), Optional.class);
  }

  private static SharedServer start(Path executable) {
    MotoEngine engine = MotoEngine.start(executable);
    OneAtATime gate = new OneAtATime(engine.endpoint());
    return new SharedServer(engine, gate, LocalDynamoDb.client(gate.endpoint()), SamTemplate.locate().table());
  }
}
