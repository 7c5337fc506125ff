package dev.openqoe.simulator;

import dev.openqoe.protocol.WireEnum;
import java.util.Locale;

/** How simulated time relates to the wall clock. */
public enum ClockMode implements WireEnum {
  /**
   * Sessions play out at wall-clock pace: {@code rate} sessions start per second, each sends its
   * beacons when its player would. For a live demo stack.
   */
  REAL_TIME,
  /**
   * Timestamps are synthetic, spread over a window that ends now, and beacons go out as fast as the
   * collector takes them. For tests and backfills.
   */
  FAST;

  @Override
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
