package dev.openqoe.session;

/** What a session did with one beacon offered to it. */
public enum BeaconVerdict {
  APPLIED(null),
  DUPLICATE("duplicate: this (session_id, seq) was already received"),
  OUT_OF_ORDER("out of order: a beacon with a higher seq was already applied"),
  AFTER_END("after session end: the session ended with an end or fatal error beacon"),
  AFTER_TIMEOUT(
      "after session timeout: the gap since the previous beacon exceeded the inactivity timeout");

  private final String reason;

  BeaconVerdict(String reason) {
    this.reason = reason;
  }

  public boolean applied() {
    return this == APPLIED;
  }

  /** Why the beacon was not applied; null for {@link #APPLIED}. */
  public String reason() {
    return reason;
  }
}
