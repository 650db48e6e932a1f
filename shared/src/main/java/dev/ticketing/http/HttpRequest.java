package dev.ticketing.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.ticketing.domain.Ids;
import dev.ticketing.domain.UserIds;
import dev.ticketing.domain.Refused;
import dev.ticketing.paging.Cursors;
import dev.ticketing.paging.PageRequest;
import dev.ticketing.queue.QueueTokenId;
import dev.ticketing.wallet.IdempotencyKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Read access to one API Gateway request, turning every kind of bad input into a refusal of
 * invalid input ({@code 400 VALIDATION_FAILED}) that names what is wrong, or a 401/413/415.
 */
public final class HttpRequest {
  /** The largest body any endpoint accepts; the local runtime refuses larger ones before reading them. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final ApiGatewayRequest event;
  private final ObjectMapper json;
  private final Map<String, String> headers;

  public HttpRequest(ApiGatewayRequest event, ObjectMapper json) {
    this.event = event;
    this.json = json;
    this.headers = event.headers() == null ? Map.of() : event.headers().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a + "," + b));
  }

  public ApiGatewayRequest event() {
    return event;
  }

  /** The caller's user id: the JWT {@code sub} claim, set by the authorizer. */
  public String userId() {
    String sub = Optional.ofNullable(event.requestContext())
        .map(ApiGatewayRequest.RequestContext::authorizer)
        .map(ApiGatewayRequest.Authorizer::jwt)
        .map(ApiGatewayRequest.Jwt::claims)
        .map(claims -> claims.get("sub"))
        .orElse(null);
    if (sub == null || sub.isEmpty()) {
      throw new ApiException(ErrorCode.UNAUTHENTICATED, "this request needs an authenticated user");
    }
    return UserIds.require("userId", sub);
  }

  /** API Gateway's id of this request: unique per request, the same through the SDK's retries. */
  public String requestId() {
    return Optional.ofNullable(event.requestContext()).map(ApiGatewayRequest.RequestContext::requestId)
        .filter(id -> !id.isBlank())
        .orElseThrow(() -> new IllegalStateException("API Gateway event without a request id"));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * The caller's queue token, from {@code X-Queue-Token}: empty if it is missing, sent twice or not
   * shaped like a token, which the gate refuses alike (docs/api.md: {@code 401 TOKEN_INVALID}).
   */
  public Optional<QueueTokenId> queueToken() {
    return header("x-queue-token").flatMap(QueueTokenId::parse);
  }

  /**
   * The charge's idempotency key: the client's {@code Idempotency-Key}, or without one the
   * request's own id. A key that breaks the rule is a 400 naming the header.
   */
  public IdempotencyKey idempotencyKey() {
    Optional<String> key = header("idempotency-key");
    if (key.isEmpty()) {
      return IdempotencyKey.ofRequest(requestId());
    }
    return IdempotencyKey.chosen(key.get()).orElseThrow(() -> Refused.invalid("Idempotency-Key", IdempotencyKey.RULE));
  }

  /** A path parameter that is an id; a bad one is a 400 naming it. */
  public String pathId(String name) {
    String value = event.pathParameters() == null ? null : event.pathParameters().get(name);
    return Ids.require(name, value);
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(event.queryStringParameters()).map(q -> q.get(name));
  }

  /** {@code ?limit=} (1-100, default 20) and the opaque {@code ?cursor=} of a list. */
  public PageRequest page(Predicate<String> validPosition) {
    int limit = query("limit").map(HttpRequest::parseLimit).orElse(PageRequest.DEFAULT_LIMIT);
    Optional<String> after = query("cursor").map(cursor -> Cursors.decode(cursor, validPosition)
        .orElseThrow(() -> Refused.invalid("cursor", "is not a cursor this list returned")));
    return new PageRequest(limit, after);
  }

  private static int parseLimit(String raw) {
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= PageRequest.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException notAnInteger) {
      // reported below
    }
    throw Refused.invalid("limit", "must be an integer from 1 to " + PageRequest.MAX_LIMIT);
  }

  /**
   * The JSON body bound to {@code type}. Records validate their own fields in their
   * constructors by throwing {@link Refused#invalid}; everything else Jackson refuses is mapped
   * to the same refusal, naming the field.
   */
  public <T> T body(Class<T> type) {
    String contentType = header("content-type").orElse("application/json").toLowerCase(Locale.ROOT);
    String mediaType = contentType.split(";", 2)[0].trim();
    if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
    String text = bodyText();
    if (text.isBlank()) {
      throw Refused.invalid("body", "a JSON object is required");
    }
    try {
      T value = json.readValue(text, type);
      if (value == null) {
        throw Refused.invalid("body", "a JSON object is required");
      }
      return value;
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof Refused refused) {
        throw refused;
      }
      throw Refused.invalid(fieldOf(e), "is not valid");
    } catch (UnrecognizedPropertyException e) {
      throw Refused.invalid(e.getPropertyName(), "is not a known field");
    } catch (JsonMappingException e) {
      throw Refused.invalid(fieldOf(e), "has the wrong type or value");
    } catch (InputCoercionException e) {
      throw Refused.invalid(currentName(e.getProcessor()), "is out of range");
    } catch (JsonProcessingException e) {
      throw Refused.invalid("body", "is not well-formed JSON");
    }
  }

  private String bodyText() {
    String body = event.body();
    if (body == null) {
      return "";
    }
    if (body.length() > MAX_BODY_BYTES * 2) {
      throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
    }
    byte[] bytes;
    try {
      bytes = event.isBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Refused.invalid("body", "is not valid base64");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The JSON path of the field Jackson refused, such as {@code seatNos[1]}. */
  private static String fieldOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "body" : path.toString();
  }

  private static String currentName(Object processor) {
    if (processor instanceof JsonParser parser) {
      try {
        String name = parser.currentName();
        if (name != null) {
          return name;
        }
      } catch (IOException | RuntimeException ignored) {
        // fall through to the generic name
      }
    }
    return "body";
  }
}
