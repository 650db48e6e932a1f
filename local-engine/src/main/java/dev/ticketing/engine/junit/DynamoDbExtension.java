package dev.ticketing.engine.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link TestTable} on the embedded engine: one dynoxide per test JVM on a free
 * port (or {@code DYNAMODB_ENDPOINT} when set), and a new table per test.
 */
public class DynamoDbExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestTable.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return TestEngine.shared().newTable();
  }
}
