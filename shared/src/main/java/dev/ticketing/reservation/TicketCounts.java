package dev.ticketing.reservation;

import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.QueueToken;
import dev.ticketing.queue.QueueTokenId;
import java.util.Optional;

/**
 * Where a gated use case reads the caller's ticket count of a concert: together with the caller's
 * queue token, in one consistent request, so the hold and the payment stay within their request
 * budgets (docs/design.md, "Budgets").
 */
public interface TicketCounts {

  /** The token (empty if unknown) and the user's count of the concert ({@link TicketCount#none} if none). */
  Gated readWithToken(QueueTokenId token, String userId, String concertId);

  record Gated(Optional<QueueToken> token, TicketCount count) implements QueueGate.Read {}
}
