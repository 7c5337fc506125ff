package dev.openqoe.jobs;

import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.replay.NumberedBeacon;
import dev.openqoe.replay.SessionReplay;
import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.EndedBy;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionInterval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.table.data.RowData;

/**
 * Sessions recomputed from raw beacons with {@code qoe replay}'s {@link SessionReplay} (the session
 * model the pipeline runs), as the rows the pipeline writes for them ({@link WarehouseRows}).
 *
 * <p>Two things the pipeline learns from the collector's clock are derived the way its sessionizer
 * derives them: the ingest dimensions (the latest non-null value over the applied beacons, in seq
 * order), and {@code closed_at}. A session that ended by its own beacon (end, fatal error, or a
 * {@code ts} gap longer than the inactivity timeout) closed when that beacon was received; as the
 * sessionizer holds a beacon after a {@code seq} gap until the gap is filled, that is the latest
 * receive time of the beacons up to it. A session that went quiet closed one inactivity timeout
 * after its latest beacon was received. (A closing beacon the sessionizer released only after its
 * reorder bound, with the gap never filled, closed {@code reorder-bound} later in the stream.)
 */
final class RecomputedSessions {

  /** One session as recomputed: its {@code dwd.sessions} row and its interval rows. */
  record Session(SessionFacts facts, long closedAt, RowData row, List<RowData> intervals) {
    String id() {
      return facts.sessionId();
    }
  }

  private final Duration inactivityTimeout;
  private final Duration interval;

  RecomputedSessions(Duration inactivityTimeout, Duration interval) {
    this.inactivityTimeout = inactivityTimeout;
    this.interval = interval;
  }

  /**
   * Runs every beacon; {@code beacons} is reordered in place (session, seq, receive time: of two
   * beacons with the same seq the one received first wins, as in the stream).
   */
  void run(List<IngestedBeacon> beacons, Consumer<Session> sessions) {
    beacons.sort(
        Comparator.comparing((IngestedBeacon b) -> b.event().sessionId())
            .thenComparingLong(b -> b.event().seq())
            .thenComparingLong(b -> b.receipt().receivedAt()));
    Iterator<NumberedBeacon> numbered =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < beacons.size();
          }

          @Override
          public NumberedBeacon next() {
            int line = next++;
            return new NumberedBeacon(beacons.get(line).event(), line);
          }
        };
    new SessionReplay(inactivityTimeout, interval).run(numbered, new Listener(beacons, sessions));
  }

  /** Follows one session at a time, as the replay hands its beacons over. */
  private final class Listener implements SessionReplay.Listener {
    private final List<IngestedBeacon> beacons;
    private final Consumer<Session> sessions;
    private String sessionId;
    private IngestDimensions ingest;
    private List<RowData> intervalRows;
    private long latestReceivedAt;
    private long latestAtLastApplied;
    private Long closedByGapAt;

    Listener(List<IngestedBeacon> beacons, Consumer<Session> sessions) {
      this.beacons = beacons;
      this.sessions = sessions;
    }

    @Override
    public void offered(
        NumberedBeacon numbered, BeaconVerdict verdict, List<SessionInterval> intervals) {
      IngestedBeacon beacon = beacons.get((int) numbered.line());
      if (!beacon.event().sessionId().equals(sessionId)) {
        sessionId = beacon.event().sessionId();
        ingest = IngestDimensions.NONE;
        intervalRows = new ArrayList<>();
        latestReceivedAt = Long.MIN_VALUE;
        closedByGapAt = null;
      }
      boolean open = closedByGapAt == null && !afterEnd(verdict);
      if (open) {
        latestReceivedAt = Math.max(latestReceivedAt, beacon.receipt().receivedAt());
      }
      if (verdict.applied()) {
        ingest = ingest.overlay(beacon.receipt());
        latestAtLastApplied = latestReceivedAt;
      } else if (verdict == BeaconVerdict.AFTER_TIMEOUT && closedByGapAt == null) {
        closedByGapAt = latestReceivedAt;
      }
      addIntervals(intervals);
    }

    @Override
    public void closed(SessionFacts facts, List<SessionInterval> intervals) {
      long closedAt;
      if (facts.endedBy() != EndedBy.TIMEOUT) {
        closedAt = latestAtLastApplied;
      } else if (closedByGapAt != null) {
        closedAt = closedByGapAt;
      } else {
        closedAt = latestReceivedAt + inactivityTimeout.toMillis();
      }
      RowData row = WarehouseRows.session(facts, ingest, closedAt);
      addIntervals(intervals);
      sessions.accept(new Session(facts, closedAt, row, intervalRows));
    }

    private void addIntervals(List<SessionInterval> intervals) {
      for (SessionInterval finished : intervals) {
        intervalRows.add(WarehouseRows.interval(finished, ingest));
      }
    }

    private boolean afterEnd(BeaconVerdict verdict) {
      return verdict == BeaconVerdict.AFTER_END || verdict == BeaconVerdict.TRAILING_REPORT;
    }
  }
}
