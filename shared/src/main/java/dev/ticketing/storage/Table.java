package dev.ticketing.storage;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The service's one DynamoDB table and the client that reaches it. */
public record Table(DynamoDbClient client, String name) {}
