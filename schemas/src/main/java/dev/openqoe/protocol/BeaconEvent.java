package dev.openqoe.protocol;

import java.util.Objects;

/**
 * One validated beacon of protocol v1. Instances come from {@link BeaconParser} or {@link
 * BeaconAvro}, so every field already satisfies the protocol's rules.
 *
 * @param bitrateKbps the rendition bitrate, or null
 * @param playheadMs the playhead position, or null
 * @param error the error of an {@code error} beacon, null on every other type
 */
public record BeaconEvent(
    String sessionId,
    long seq,
    EventType type,
    long ts,
    Integer bitrateKbps,
    Long playheadMs,
    PlaybackError error,
    SessionDimensions dimensions) {

  public static final int PROTOCOL_VERSION = 1;

  public BeaconEvent {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(type, "type");
    dimensions = dimensions == null ? SessionDimensions.NONE : dimensions;
  }

  /** A beacon with only the required fields, for code that builds events (tests, simulators). */
  public static BeaconEvent of(String sessionId, long seq, EventType type, long ts) {
    return new BeaconEvent(sessionId, seq, type, ts, null, null, null, SessionDimensions.NONE);
  }

  public BeaconEvent withBitrate(int kbps) {
    return new BeaconEvent(sessionId, seq, type, ts, kbps, playheadMs, error, dimensions);
  }

  public BeaconEvent withError(PlaybackError playbackError) {
    return new BeaconEvent(
        sessionId, seq, type, ts, bitrateKbps, playheadMs, playbackError, dimensions);
  }

  public BeaconEvent withDimensions(SessionDimensions dims) {
    return new BeaconEvent(sessionId, seq, type, ts, bitrateKbps, playheadMs, error, dims);
  }
}
