package dev.openqoe.session;

import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;

/** What a session did with one beacon offered to it. */
public enum BeaconVerdict {
  APPLIED(null),
  DUPLICATE("duplicate: this (session_id, seq) was already received"),
  OUT_OF_ORDER("out of order: a beacon with a higher seq was already applied"),
  AFTER_END("after session end: the session ended with an end or fatal error beacon"),
  /**
   * Not a late beacon: CMCD players go on reporting after their ending state (dash.js an e=t
   * report, Shaka a and e again). Kept in the raw layer, counted, and routed nowhere else.
   */
  TRAILING_REPORT("a CMCD report after the session's end, as players send them"),
  AFTER_TIMEOUT(
      "after session timeout: the gap since the previous beacon exceeded the inactivity timeout");

  private final String reason;

  BeaconVerdict(String reason) {
    this.reason = reason;
  }

  public boolean applied() {
    return this == APPLIED;
  }

  /** The verdict on {@code beacon} once its session ended with an end or a fatal error. */
  public static BeaconVerdict afterEnd(BeaconEvent beacon) {
    return beacon.type() == EventType.CMCD ? TRAILING_REPORT : AFTER_END;
  }

  /** Why the beacon was not applied; null for {@link #APPLIED}. */
  public String reason() {
    return reason;
  }
}
