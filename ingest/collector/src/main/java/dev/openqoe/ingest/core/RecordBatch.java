package dev.openqoe.ingest.core;

import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;

/**
 * One request's records, in the order they were added; made by the {@link RecordSink} they go to.
 */
public interface RecordBatch {

  /** A valid beacon, for the beacons topic. */
  void add(IngestedBeacon beacon);

  /** A rejected event or body, with its reason, for the dead-letter topic. */
  void add(RejectedBeacon rejected);
}
