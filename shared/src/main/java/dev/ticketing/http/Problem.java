package dev.ticketing.http;

/** An RFC 9457 problem body. */
public record Problem(String type, String title, int status, String detail, String code) {

  public static Problem of(ErrorCode code, String detail) {
    return new Problem(code.type(), code.title(), code.status(), detail, code.name());
  }
}
