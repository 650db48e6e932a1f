package dev.ticketing.storage;

/**
 * The partition {@code USER#<userId>}: every feature keeps its per-user items there (the latest
 * queue token of each concert, the balance and its ledger, the payments), so the IAM
 * {@code dynamodb:LeadingKeys} of a user's requests is one prefix.
 */
public final class UserPartition {
  public static final String PREFIX = "USER#";

  private UserPartition() {}

  public static String pk(String userId) {
    return PREFIX + userId;
  }
}
