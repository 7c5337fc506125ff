package dev.openqoe.protocol;

import java.util.Objects;

/**
 * One validated beacon of protocol v1. Instances come from {@link BeaconParser} or {@link
 * BeaconAvro}, so every field already satisfies the protocol's rules.
 *
 * @param bitrateKbps the rendition bitrate, or null
 * @param playheadMs the playhead position, or null
 * @param error the error of an {@code error} beacon, or of a {@code cmcd} beacon whose report tells
 *     one; null on every other type
 * @param cmcd the report of a {@code cmcd} beacon, null on every other type
 */
public record BeaconEvent(
    String sessionId,
    long seq,
    EventType type,
    long ts,
    Integer bitrateKbps,
    Long playheadMs,
    PlaybackError error,
    SessionDimensions dimensions,
    CmcdReport cmcd) {

  public static final int PROTOCOL_VERSION = 1;

  public BeaconEvent {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    dimensions = dimensions == null ? SessionDimensions.NONE : dimensions;
    if ((type == EventType.CMCD) != (cmcd != null)) {
      throw new IllegalArgumentException("a CMCD report belongs on, and only on, a cmcd beacon");
    }
  }

  /** A beacon of a protocol-v1 type other than {@code cmcd}. */
  public BeaconEvent(
      String sessionId,
      long seq,
      EventType type,
      long ts,
      Integer bitrateKbps,
      Long playheadMs,
      PlaybackError error,
      SessionDimensions dimensions) {
    this(sessionId, seq, type, ts, bitrateKbps, playheadMs, error, dimensions, null);
  }

  /** A beacon with only the required fields, for code that builds events (tests, simulators). */
  public static BeaconEvent of(String sessionId, long seq, EventType type, long ts) {
    return new BeaconEvent(sessionId, seq, type, ts, null, null, null, SessionDimensions.NONE);
  }

  /** A {@code cmcd} beacon with only the required fields and its report. */
  public static BeaconEvent ofCmcd(String sessionId, long seq, long ts, CmcdReport report) {
    return new BeaconEvent(
        sessionId, seq, EventType.CMCD, ts, null, null, null, SessionDimensions.NONE, report);
  }

  public BeaconEvent withBitrate(int kbps) {
    return new BeaconEvent(sessionId, seq, type, ts, kbps, playheadMs, error, dimensions, cmcd);
  }

  public BeaconEvent withError(PlaybackError playbackError) {
    return new BeaconEvent(
        sessionId, seq, type, ts, bitrateKbps, playheadMs, playbackError, dimensions, cmcd);
  }

  public BeaconEvent withDimensions(SessionDimensions dims) {
    return new BeaconEvent(sessionId, seq, type, ts, bitrateKbps, playheadMs, error, dims, cmcd);
  }
}
