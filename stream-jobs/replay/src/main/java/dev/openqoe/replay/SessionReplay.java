package dev.openqoe.replay;

import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionInterval;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs beacons that arrive grouped by session and in seq order through the session model, one
 * session at a time, so memory does not grow with the number of sessions. {@code qoe replay} runs
 * it over a file, {@code qoe backfill} over the warehouse's raw beacons.
 */
public final class SessionReplay {

  /** Told about each beacon a session refused after it ended (the stream jobs' late beacons). */
  interface RefusalListener {
    void refused(NumberedBeacon beacon, BeaconVerdict verdict);
  }

  /** Told what happens to every beacon and session, in input order. */
  public interface Listener {

    /**
     * A beacon was offered to its session, which took it or not ({@code verdict}); {@code
     * intervals} are the interval rows whose time that beacon made final (none when no interval
     * length was given).
     */
    void offered(NumberedBeacon beacon, BeaconVerdict verdict, List<SessionInterval> intervals);

    /** A session closed: its facts and its last interval rows. */
    void closed(SessionFacts facts, List<SessionInterval> intervals);
  }

  private final Duration inactivityTimeout;
  private final Duration interval;

  /**
   * @param interval the length of the interval rows to make, or null for none
   */
  public SessionReplay(Duration inactivityTimeout, Duration interval) {
    this.inactivityTimeout = inactivityTimeout;
    this.interval = interval;
  }

  /** Feeds every beacon and tells {@code listener} about each beacon and each closed session. */
  public void run(Iterator<NumberedBeacon> sortedBeacons, Listener listener) {
    SessionAccumulator current = null;
    while (sortedBeacons.hasNext()) {
      NumberedBeacon next = sortedBeacons.next();
      if (current == null || !current.sessionId().equals(next.beacon().sessionId())) {
        if (current != null) {
          close(current, listener);
        }
        current = new SessionAccumulator(next.beacon().sessionId(), inactivityTimeout, interval);
      }
      BeaconVerdict verdict = current.offer(next.beacon());
      listener.offered(next, verdict, current.drainIntervals());
    }
    if (current != null) {
      close(current, listener);
    }
  }

  /** Replay's own use: counts what happened and hands each closed session to {@code sessions}. */
  static void run(
      Duration inactivityTimeout,
      Iterator<NumberedBeacon> sortedBeacons,
      ReplayCounts counts,
      RefusalListener refusals,
      Consumer<SessionFacts> sessions) {
    new SessionReplay(inactivityTimeout, null)
        .run(
            sortedBeacons,
            new Listener() {
              @Override
              public void offered(
                  NumberedBeacon beacon, BeaconVerdict verdict, List<SessionInterval> intervals) {
                switch (verdict) {
                  case APPLIED -> {}
                  case DUPLICATE -> counts.duplicates++;
                  case TRAILING_REPORT -> counts.trailingReports++;
                  default -> {
                    counts.afterSessionEnd++;
                    refusals.refused(beacon, verdict);
                  }
                }
              }

              @Override
              public void closed(SessionFacts facts, List<SessionInterval> intervals) {
                counts.sessions++;
                sessions.accept(facts);
              }
            });
  }

  private static void close(SessionAccumulator session, Listener listener) {
    SessionFacts facts = session.close();
    listener.closed(facts, session.drainIntervals());
  }
}
