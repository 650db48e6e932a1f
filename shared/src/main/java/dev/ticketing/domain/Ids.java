package dev.ticketing.domain;

import java.util.regex.Pattern;

/**
 * The one shape every id this API issues has (concert, schedule, reservation, payment):
 * 1-64 characters of {@code [A-Za-z0-9._-]}. Checking it before any storage call keeps bad
 * input away from key expressions and out of 5xx territory. User ids come from the identity
 * provider and are wider: {@link UserIds}.
 */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Ids() {}

  public static boolean isValid(String value) {
    return value != null && ID.matcher(value).matches();
  }

  /** The value, if it is a valid id; else the refusal of invalid input naming the field. */
  public static String require(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw Refused.invalid(field, "is required");
    }
    if (!isValid(value)) {
      throw Refused.invalid(field, "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
    }
    return value;
  }
}
