package dev.ticketing.http;

/**
 * A request the HTTP edge itself cannot serve (no identity, a body too large or of another media
 * type), carrying the problem the client gets. The domain's refusals are {@code Refused}; this is
 * for what only HTTP knows. Its message is the problem's detail, so it must never contain
 * internals or secrets.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;

  public ApiException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public Problem problem() {
    return Problem.of(code, getMessage());
  }
}
