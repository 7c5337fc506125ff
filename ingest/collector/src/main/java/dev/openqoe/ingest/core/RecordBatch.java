package dev.openqoe.ingest.core;

import dev.openqoe.ops.OpsRejected;
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

  /** A delivery-chain body as received, for the raw topic of its feed. */
  void add(OpsRecord record);

  /**
   * A delivery-chain body the collector refused, with its reason, for the delivery chain's
   * dead-letter topic, where the normaliser keeps the records it cannot read.
   *
   * @param propertyId the property whose ingest key sent it
   */
  void add(OpsRejected rejected, String propertyId);
}
