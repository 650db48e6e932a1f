package dev.ticketing.http;

import java.util.Map;

/** The response an HTTP API Lambda integration returns (payload format 2.0). */
public record ApiGatewayResponse(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {}
