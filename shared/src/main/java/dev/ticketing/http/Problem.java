package dev.ticketing.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * An RFC 9457 problem body. {@code members} are its extension members (RFC 9457, section 3.2),
 * written beside the standard ones: what a client can act on, such as the seats that were taken.
 */
public record Problem(String type, String title, int status, String detail, String code,
    @JsonIgnore Map<String, Object> members) {

  public Problem {
    members = Map.copyOf(members);
  }

  public static Problem of(ErrorCode code, String detail) {
    return of(code, detail, Map.of());
  }

  public static Problem of(ErrorCode code, String detail, Map<String, Object> members) {
    return new Problem(code.type(), code.title(), code.status(), detail, code.name(), members);
  }

  @JsonAnyGetter
  Map<String, Object> extensionMembers() {
    return members;
  }
}
