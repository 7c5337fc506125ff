package dev.openqoe.protocol;

import java.util.Objects;

/**
 * Input the collector could not accept, as stored on qoe.beacons.dlq.
 *
 * @param payload the rejected input as received: one event, one CMCD report, or a whole body
 * @param field the offending field, or null when the input as a whole is at fault
 * @param batchIndex the event's position in its batch, or null
 * @param clientIp the anonymised client network, or null
 * @param userAgent the User-Agent header, or null
 */
public record RejectedBeacon(
    String payload,
    String reason,
    String field,
    Integer batchIndex,
    String propertyId,
    long receivedAt,
    IngestSource source,
    String clientIp,
    String userAgent) {

  public RejectedBeacon {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(propertyId, "propertyId");
    Objects.requireNonNull(source, "source");
  }
}
