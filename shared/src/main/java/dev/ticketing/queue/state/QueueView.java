package dev.ticketing.queue.state;

import dev.ticketing.sale.SaleState;
import java.time.Instant;
import dev.ticketing.queue.QueueToken;

/**
 * A token as the API shows it (POST /concerts/{id}/queue/tokens and GET /queue/status).
 * {@code position} and {@code estimatedWaitSeconds} are null while the token has no place yet.
 * {@code preQueue}: this token joined before the opening and waits for the draw (from the token,
 * not from {@code saleState}, which may be a moment old).
 */
public record QueueView(
    String token,
    String receiptId,
    String concertId,
    QueueToken.Status status,
    Long position,
    Long estimatedWaitSeconds,
    int pollAfterSeconds,
    SaleState saleState,
    boolean preQueue,
    Instant activeUntil) {}
