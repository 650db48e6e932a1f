package dev.ticketing.payment;

import dev.ticketing.queue.QueueTokenId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * A payment as stored: what the API shows, and a fingerprint of the queue token that paid it
 * (SHA-256 of the token, base64url: the token itself is a credential and is never stored beside
 * the payment). The payment expires that token, so a repeat of the payment recognises it by the
 * fingerprint and accepts it although expired. Payments stored before orders existed have none.
 */
public record PaymentRecord(Payment payment, Optional<String> tokenFingerprint) {

  static PaymentRecord paidWith(Payment payment, String queueToken) {
    return new PaymentRecord(payment, Optional.of(fingerprint(queueToken)));
  }

  /** Whether {@code token} is the token that paid. */
  public boolean paidWith(QueueTokenId token) {
    return tokenFingerprint.filter(fingerprint(token.value())::equals).isPresent();
  }

  static String fingerprint(String queueToken) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(queueToken.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
