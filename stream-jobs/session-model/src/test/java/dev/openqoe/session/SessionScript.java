package dev.openqoe.session;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds a session's beacons in seq order and feeds them to a {@link SessionAccumulator}. */
final class SessionScript {

  static final String SESSION = "s-1";

  private final List<BeaconEvent> beacons = new ArrayList<>();
  private long nextSeq;

  static SessionScript session() {
    return new SessionScript();
  }

  SessionScript at(long ts, EventType type) {
    return add(BeaconEvent.of(SESSION, nextSeq, type, ts));
  }

  SessionScript at(long ts, EventType type, int bitrateKbps) {
    return add(BeaconEvent.of(SESSION, nextSeq, type, ts).withBitrate(bitrateKbps));
  }

  SessionScript error(long ts, boolean fatal, ErrorCategory category) {
    return add(
        BeaconEvent.of(SESSION, nextSeq, EventType.ERROR, ts)
            .withError(new PlaybackError("E-" + ts, fatal, category)));
  }

  SessionScript withDimensions(long ts, SessionDimensions dims) {
    return add(BeaconEvent.of(SESSION, nextSeq, EventType.HEARTBEAT, ts).withDimensions(dims));
  }

  SessionScript add(BeaconEvent beacon) {
    beacons.add(beacon);
    nextSeq = beacon.seq() + 1;
    return this;
  }

  List<BeaconEvent> beacons() {
    return beacons;
  }

  /** Feeds every beacon (all must be applied) with no inactivity timeout. */
  SessionAccumulator feed() {
    SessionAccumulator accumulator = new SessionAccumulator(SESSION, Duration.ZERO);
    for (BeaconEvent beacon : beacons) {
      BeaconVerdict verdict = accumulator.offer(beacon);
      if (!verdict.applied()) {
        throw new AssertionError(beacon + " not applied: " + verdict);
      }
    }
    return accumulator;
  }

  SessionFacts close() {
    return feed().close();
  }
}
