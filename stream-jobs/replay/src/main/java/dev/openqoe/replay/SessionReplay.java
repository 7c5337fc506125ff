package dev.openqoe.replay;

import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Runs beacons that arrive grouped by session and in seq order through the session model, one
 * session at a time, so memory does not grow with the number of sessions.
 */
final class SessionReplay {

  /** Told about each beacon a session refused after it ended (the stream jobs' late beacons). */
  interface RefusalListener {
    void refused(NumberedBeacon beacon, BeaconVerdict verdict);
  }

  private final Duration inactivityTimeout;
  private final ReplayCounts counts;
  private final RefusalListener refusals;

  SessionReplay(Duration inactivityTimeout, ReplayCounts counts, RefusalListener refusals) {
    this.inactivityTimeout = inactivityTimeout;
    this.counts = counts;
    this.refusals = refusals;
  }

  /** Feeds every beacon and hands each closed session to {@code sessions}, in session order. */
  void run(Iterator<NumberedBeacon> sortedBeacons, Consumer<SessionFacts> sessions) {
    SessionAccumulator current = null;
    while (sortedBeacons.hasNext()) {
      NumberedBeacon next = sortedBeacons.next();
      if (current == null || !current.sessionId().equals(next.beacon().sessionId())) {
        if (current != null) {
          emit(current, sessions);
        }
        current = new SessionAccumulator(next.beacon().sessionId(), inactivityTimeout);
      }
      BeaconVerdict verdict = current.offer(next.beacon());
      switch (verdict) {
        case APPLIED -> {}
        case DUPLICATE -> counts.duplicates++;
        case TRAILING_REPORT -> counts.trailingReports++;
        default -> {
          counts.afterSessionEnd++;
          refusals.refused(next, verdict);
        }
      }
    }
    if (current != null) {
      emit(current, sessions);
    }
  }

  private void emit(SessionAccumulator session, Consumer<SessionFacts> sessions) {
    counts.sessions++;
    sessions.accept(session.close());
  }
}
