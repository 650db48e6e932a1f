package dev.ticketing.sale;

/**
 * Who makes an operator change: {@code name}, as given on the command line, and {@code identity},
 * the caller's AWS identity (an ARN) where the credentials tell it, else empty (a local engine's
 * credentials name nobody). CloudTrail remains the authority on who called.
 */
public record Operator(String name, String identity) {
  public Operator {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an operator has a name");
    }
    identity = identity == null ? "" : identity;
  }
}
