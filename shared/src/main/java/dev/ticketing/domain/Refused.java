package dev.ticketing.domain;

import java.util.Map;

/**
 * A request the domain refuses: why ({@link Refusal}), a detail for the caller, and facts the
 * caller can act on ({@code members}, e.g. which seats were taken). The detail and the members
 * reach the client, so they must never hold internals or secrets. No stack trace: a refusal is
 * an answer, not a fault.
 */
public final class Refused extends RuntimeException {
  private final Refusal refusal;
  private final Map<String, Object> members;

  public Refused(Refusal refusal, String detail) {
    this(refusal, detail, Map.of());
  }

  public Refused(Refusal refusal, String detail, Map<String, Object> members) {
    super(detail, null, false, false);
    this.refusal = refusal;
    this.members = Map.copyOf(members);
  }

  /** A named field of the request is not valid: {@code "<field>: <problem>"}. */
  public static Refused invalid(String field, String problem) {
    return new Refused(Refusal.INVALID_INPUT, field + ": " + problem);
  }

  public Refusal refusal() {
    return refusal;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra facts about the refusal, each a member of the problem body; empty for most. */
  public Map<String, Object> members() {
    return members;
  }
}
