package dev.ticketing.http;

/**
 * A request that cannot be served as asked, carrying the problem the client gets. Its message
 * is the problem's detail, so it must never contain internals or secrets.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;

  public ApiException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public static ApiException validation(String field, String problem) {
    return new ApiException(ErrorCode.VALIDATION_FAILED, field + ": " + problem);
  }

  public ErrorCode code() {
    return code;
  }

  public Problem problem() {
    return Problem.of(code, getMessage());
  }
}
