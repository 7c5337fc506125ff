package dev.openqoe.simulator;

import dev.openqoe.protocol.BeaconEvent;
import java.util.List;

/**
 * Beacons a player sends in one request, at the client time of the last of them (a player queues
 * beacons and sends them on state changes and with each heartbeat).
 */
public record BeaconBatch(List<BeaconEvent> beacons) {

  public BeaconBatch {
    beacons = List.copyOf(beacons);
    if (beacons.isEmpty()) {
      throw new IllegalArgumentException("a batch has at least one beacon");
    }
  }

  /** Client time at which the player sends this batch. */
  public long sendAt() {
    return beacons.get(beacons.size() - 1).ts();
  }
}
