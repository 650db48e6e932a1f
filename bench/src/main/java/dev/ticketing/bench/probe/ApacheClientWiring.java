package dev.ticketing.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ticketing.config.Settings;
import dev.ticketing.storage.DynamoDbClients;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.StorageModule;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The production wiring with the Apache HTTP client in place of URL-connection, with production's timeouts. */
final class ApacheClientWiring {
  private ApacheClientWiring() {}

  static RequestStreamHandler handler(String handlerClass) throws ReflectiveOperationException {
    Settings settings = Settings.fromEnvironment(System.getenv());
    DynamoDbClient client = DynamoDbClient.builder()
        .region(Region.of(settings.region()))
        .httpClient(ApacheHttpClient.builder()
            .connectionTimeout(DynamoDbClients.CONNECTION_TIMEOUT)
            .socketTimeout(DynamoDbClients.SOCKET_TIMEOUT)
            .build())
        .overrideConfiguration(DynamoDbClients.callTimeouts())
        .endpointOverride(settings.dynamodbEndpoint().orElseThrow())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
    AppComponent app = AppComponent.builder().settings(settings).clock(Clock.systemUTC())
        .storageModule(new StorageModule(client)).build();
    return (RequestStreamHandler) Class.forName(handlerClass).getConstructor(AppComponent.class).newInstance(app);
  }
}
