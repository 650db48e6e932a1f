package dev.ticketing.functions.priming;

/** A function with a SnapStart priming routine. */
public interface Primed {
  Priming priming();
}
