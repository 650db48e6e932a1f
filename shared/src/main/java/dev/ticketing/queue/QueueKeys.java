package dev.ticketing.queue;

/** Keys of the queue's items (docs/data-model.md). */
public final class QueueKeys {
  public static final String TOKEN_SK = "TOKEN";
  public static final String COUNTERS_SK = "STATE";

  private QueueKeys() {}

  public static String tokenPk(QueueTokenId id) {
    return "TOKEN#" + id.secret();
  }

  public static String queuePk(String concertId) {
    return "QUEUE#" + concertId;
  }

  public static String slotSk(long sequence) {
    return String.format("SEQ#%012d", sequence);
  }

  public static String userPk(String userId) {
    return "USER#" + userId;
  }

  public static String latestTokenSk(String concertId) {
    return "QUEUE#" + concertId;
  }

  /** The gsi1 partition of a concert's admitted sessions, ordered by sequence. */
  public static String admittedIndexPk(String concertId) {
    return "ADMITTED#" + concertId;
  }

  public static String admittedIndexSk(long sequence) {
    return String.format("%012d", sequence);
  }
}
