package dev.ticketing.sale;

import java.time.Instant;

/**
 * One operator change of a sale: when, by whom ({@code operator}, the name given; {@code
 * identity}, the caller's AWS identity where the credentials tell it, else empty), the command in
 * the sale's words ({@link SaleChange#description}), and the sale's settings before and after. CloudTrail remains the authority on who called.
 */
public record AuditEntry(Instant at, String operator, String identity, String command, String before, String after) {}
