package dev.openqoe.session;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.ErrorCategory;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

  /** A CMCD v2 report: player state {@code sta} and event {@code e} (either may be null). */
  SessionScript cmcd(long ts, String sta, String e, Integer bitrateKbps) {
    return cmcd(CmcdReportMode.EVENT, ts, sta, e, bitrateKbps);
  }

  /** A CMCD v2 report of request mode (no event). */
  SessionScript cmcdRequest(long ts, String sta, Integer bitrateKbps) {
    return cmcd(CmcdReportMode.REQUEST, ts, sta, null, bitrateKbps);
  }

  private SessionScript cmcd(
      CmcdReportMode mode, long ts, String sta, String e, Integer bitrateKbps) {
    BeaconEvent beacon =
        BeaconEvent.ofCmcd(SESSION, nextSeq, ts, new CmcdReport(mode, nextSeq, sta, e, null));
    if ("f".equals(sta) || "e".equals(e)) {
      beacon =
          beacon.withError(
              new PlaybackError("CMCD-" + ts, "f".equals(sta), ErrorCategory.TECHNICAL));
    }
    return add(bitrateKbps == null ? beacon : beacon.withBitrate(bitrateKbps));
  }

  /** A random CMCD report among the states and events real players send. */
  SessionScript randomCmcd(long ts, Random random) {
    String[] states = {null, "s", "p", "k", "r", "a", "w", "e", "f", "q", "d"};
    String[] events = {null, "ps", "t", "bc", "e", "abs", "abe"};
    return cmcd(
        random.nextBoolean() ? CmcdReportMode.EVENT : CmcdReportMode.REQUEST,
        ts,
        states[random.nextInt(states.length)],
        events[random.nextInt(events.length)],
        random.nextBoolean() ? null : 100 + random.nextInt(9_000));
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
