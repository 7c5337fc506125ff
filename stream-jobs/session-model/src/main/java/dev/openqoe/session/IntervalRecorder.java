package dev.openqoe.session;

import dev.openqoe.protocol.BeaconBinary;
import dev.openqoe.protocol.SessionDimensions;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a session's charged time into fixed, epoch-aligned intervals as beacons are applied, and
 * hands out each interval once its time is final: when a later beacon is applied past its end, or
 * when the session closes. Holds only the interval in progress, so memory stays constant.
 *
 * <p>Time is laid out on a cursor that never moves backwards: when a device clock goes back, the
 * charged time is placed after the cursor, so interval totals always add up to the session's totals
 * and only the placement of that stretch shifts.
 */
final class IntervalRecorder {

  private final String sessionId;
  private final long intervalMs;
  private long cursor;
  private long bucketStart;
  private long playMs;
  private long rebufferMs;
  private long adMs;
  private int rebufferStarts;
  private double bitrateKbpsMs;
  private long bitrateKnownMs;
  private StartupOutcome startupOutcome;
  private Long vstMs;
  private String playbackFailure;
  private final List<SessionInterval> completed = new ArrayList<>();

  IntervalRecorder(String sessionId, long intervalMs) {
    if (intervalMs <= 0) {
      throw new IllegalArgumentException("interval must be positive, got " + intervalMs + " ms");
    }
    this.sessionId = sessionId;
    this.intervalMs = intervalMs;
  }

  /** The first beacon: opens the interval that contains it. */
  void start(long ts) {
    cursor = ts;
    bucketStart = Math.floorDiv(ts, intervalMs) * intervalMs;
  }

  /**
   * {@code ms} of {@code state} that ended at a beacon with timestamp {@code beaconTs}; {@code
   * dims} are the session's dimensions before that beacon.
   */
  void charge(
      PlaybackState state, long ms, long beaconTs, Integer bitrateKbps, SessionDimensions dims) {
    long from = Math.max(cursor, beaconTs - ms);
    long to = from + ms;
    while (to >= bucketStart + intervalMs) {
      long bucketEnd = bucketStart + intervalMs;
      add(state, bucketEnd - from, bitrateKbps);
      completed.add(close(state, dims));
      from = bucketEnd;
      bucketStart = bucketEnd;
    }
    add(state, to - from, bitrateKbps);
    cursor = to;
  }

  void rebufferStarted() {
    rebufferStarts++;
  }

  void startupDecided(StartupOutcome outcome, Long startupMs) {
    startupOutcome = outcome;
    vstMs = startupMs;
  }

  void playbackFailed(String failure) {
    playbackFailure = failure;
  }

  /** Intervals whose time became final since the last call. */
  List<SessionInterval> drainCompleted() {
    List<SessionInterval> drained = List.copyOf(completed);
    completed.clear();
    return drained;
  }

  /** The session closed: the interval in progress is its last, and is now complete. */
  void finish(SessionDimensions dims) {
    completed.add(close(null, dims));
  }

  private void add(PlaybackState state, long ms, Integer bitrateKbps) {
    switch (state) {
      case PLAYING -> {
        playMs += ms;
        if (bitrateKbps != null) {
          bitrateKbpsMs += (double) ms * bitrateKbps;
          bitrateKnownMs += ms;
        }
      }
      case REBUFFERING -> rebufferMs += ms;
      case AD -> adMs += ms;
      default -> {}
    }
  }

  private SessionInterval close(PlaybackState stateAtEnd, SessionDimensions dims) {
    SessionInterval interval =
        new SessionInterval(
            sessionId,
            bucketStart,
            intervalMs,
            playMs,
            rebufferMs,
            adMs,
            rebufferStarts,
            bitrateKbpsMs,
            bitrateKnownMs,
            stateAtEnd,
            startupOutcome,
            vstMs,
            playbackFailure,
            dims);
    playMs = 0;
    rebufferMs = 0;
    adMs = 0;
    rebufferStarts = 0;
    bitrateKbpsMs = 0;
    bitrateKnownMs = 0;
    startupOutcome = null;
    vstMs = null;
    playbackFailure = null;
    return interval;
  }

  void writeTo(DataOutput out) throws IOException {
    if (!completed.isEmpty()) {
      throw new IllegalStateException(
          completed.size()
              + " intervals of session "
              + sessionId
              + " not drained before a snapshot");
    }
    out.writeLong(intervalMs);
    out.writeLong(cursor);
    out.writeLong(bucketStart);
    out.writeLong(playMs);
    out.writeLong(rebufferMs);
    out.writeLong(adMs);
    out.writeInt(rebufferStarts);
    out.writeDouble(bitrateKbpsMs);
    out.writeLong(bitrateKnownMs);
    SessionAccumulator.writeOrdinal(startupOutcome, out);
    SessionAccumulator.writeNullableLong(vstMs, out);
    BeaconBinary.writeText(playbackFailure, out);
  }

  static IntervalRecorder readFrom(String sessionId, DataInput in) throws IOException {
    IntervalRecorder r = new IntervalRecorder(sessionId, in.readLong());
    r.cursor = in.readLong();
    r.bucketStart = in.readLong();
    r.playMs = in.readLong();
    r.rebufferMs = in.readLong();
    r.adMs = in.readLong();
    r.rebufferStarts = in.readInt();
    r.bitrateKbpsMs = in.readDouble();
    r.bitrateKnownMs = in.readLong();
    r.startupOutcome = SessionAccumulator.readOrdinal(StartupOutcome.values(), in);
    r.vstMs = SessionAccumulator.readNullableLong(in);
    r.playbackFailure = BeaconBinary.readText(in);
    return r;
  }
}
