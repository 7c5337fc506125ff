package dev.openqoe.simulator;

import dev.openqoe.protocol.WireEnum;

/** Whether a session's beacons all reached the collector, which decides if its truth holds. */
public enum Delivery implements WireEnum {
  /** Every beacon was acknowledged: the pipeline must compute exactly the intended facts. */
  DELIVERED,
  /** Some beacons were rejected or given up on: the pipeline sees a different session. */
  INCOMPLETE,
  /** The run was stopped before the session ended; the rest of its beacons were never sent. */
  CUT_OFF
}
