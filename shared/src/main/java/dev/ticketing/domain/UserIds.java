package dev.ticketing.domain;

import java.util.regex.Pattern;

/**
 * A user id is the {@code sub} claim of whatever OpenID Connect provider signs the caller in:
 * 1-255 printable ASCII characters without spaces, so Cognito's UUIDs, {@code auth0|5fe4...} and
 * {@code google-oauth2|1098...} are all users. It is wider than every other id ({@link Ids}): it
 * may hold {@code #}, {@code |}, {@code :}, {@code /}, quotes and backslashes, so it never enters a
 * storage key, a cursor or a log line unescaped (see {@code storage.UserPartition}).
 */
public final class UserIds {
  public static final int MAX_LENGTH = 255;
  private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

  private UserIds() {}

  public static boolean isValid(String value) {
    return value != null && USER_ID.matcher(value).matches();
  }

  /** The value, if it is a valid user id; else the refusal of invalid input naming the field. */
  public static String require(String field, String value) {
    if (!isValid(value)) {
      throw Refused.invalid(field, "must be 1-" + MAX_LENGTH + " printable ASCII characters without spaces");
    }
    return value;
  }
}
