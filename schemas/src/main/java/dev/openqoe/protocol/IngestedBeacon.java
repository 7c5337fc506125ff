package dev.openqoe.protocol;

import java.util.Objects;

/** A valid beacon as stored on qoe.beacons.v1: the event and how it arrived. */
public record IngestedBeacon(BeaconEvent event, Receipt receipt) {
  public IngestedBeacon {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(receipt, "receipt");
  }
}
