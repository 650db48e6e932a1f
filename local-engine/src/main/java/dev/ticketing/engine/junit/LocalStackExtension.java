package dev.ticketing.engine.junit;

import dev.ticketing.engine.LocalDynamoDb;
import dev.ticketing.engine.LocalTables;
import dev.ticketing.engine.SamTemplate;
import dev.ticketing.engine.TableDefinition;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The second integration target: the same storage tests against LocalStack's DynamoDB in a
 * container. Where no Docker engine answers, every test using it is reported skipped.
 */
public class LocalStackExtension implements ExecutionCondition, ParameterResolver {
  /** The last community image that runs without an auth token. */
  public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.0.3");

  record SharedContainer(LocalStackContainer container, DynamoDbClient client, TableDefinition table)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      client.close();
      container.stop();
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    boolean dockerAvailable = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent("docker-available", key -> dockerAnswers(), Boolean.class);
    return dockerAvailable
        ? ConditionEvaluationResult.enabled("Docker engine available")
        : ConditionEvaluationResult.disabled("LocalStack skipped: no Docker engine on this machine");
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestTable.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SharedContainer shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedContainer.class, key -> startContainer(), SharedContainer.class);
    String name = "test-" + UUID.randomUUID();
    LocalTables.createIfMissing(shared.client(), shared.table(), name);
    URI endpoint = shared.container().getEndpoint();
    return new TestTable(name, shared.client(), endpoint, "localstack");
  }

  @SuppressWarnings("resource")
  private static SharedContainer startContainer() {
    LocalStackContainer container = new LocalStackContainer(IMAGE)
        .withServices(LocalStackContainer.Service.DYNAMODB);
    container.start();
    return new SharedContainer(container, LocalDynamoDb.client(container.getEndpoint()), SamTemplate.locate().table());
  }
}
