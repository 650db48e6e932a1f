package dev.ticketing.storage;

/**
 * The partition {@code USER#<userId>}: every feature keeps its per-user items there (the latest
 * queue token of each concert, the balance and its ledger, the payments), so the IAM
 * {@code dynamodb:LeadingKeys} of a user's requests is one prefix.
 *
 * <p>A user id is any {@code sub} claim (UserIds), so it may hold {@code #}, the separator of our
 * key components. In a key it is written with {@code %} and {@code #} percent-encoded: no part of a
 * key that comes from a user id ever holds a separator, so no user id can reach into another
 * user's partition or form another kind of key, whatever a key puts after it. Ids of the old shape
 * ({@code [A-Za-z0-9._-]}) hold neither character and keep the keys they always had. Items carry
 * the user id as it is in their {@code userId} attribute; the key is never decoded.
 */
public final class UserPartition {
  public static final String PREFIX = "USER#";

  private UserPartition() {}

  public static String pk(String userId) {
    return PREFIX + keyPart(userId);
  }

  /** {@code userId} as a key component: {@code %} becomes {@code %25}, {@code #} becomes {@code %23}. */
  public static String keyPart(String userId) {
    if (userId.indexOf('%') < 0 && userId.indexOf('#') < 0) {
      return userId;
    }
    return userId.replace("%", "%25").replace("#", "%23");
  }
}
