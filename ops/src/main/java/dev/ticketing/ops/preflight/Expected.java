package dev.ticketing.ops.preflight;

import java.util.OptionalLong;

/**
 * What the operator expects of the sale: the peak of joins a second, how many fans will sign in
 * (if known), and the identity provider's sign-in rate (Cognito's default quota unless told
 * otherwise: Service Quotas is not asked).
 */
record Expected(SaleCapacity capacity, OptionalLong fans, double signInRate, boolean signInRateGiven) {
  /** Cognito's default rate of user authentications a second, per account and region. */
  static final double DEFAULT_SIGN_IN_RATE = 120;
}
