package dev.openqoe.slo;

import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An SLI's good and bad events per minute, enough of them for the longest window asked: what the
 * burn-rate rules read. Minutes are those of the events' time (the minute a session closed or an
 * interval started), so the counts of a late row land in their minute.
 */
public final class SliMinutes {

  private static final long MINUTE_MS = 60_000;

  private final long keepMs;
  private final NavigableMap<Long, long[]> byMinute = new TreeMap<>();

  /**
   * @param keep the longest window to answer; older minutes are forgotten as newer ones come
   */
  public SliMinutes(Duration keep) {
    this.keepMs = keep.toMillis();
  }

  /** Adds {@code total} events of the minute holding {@code time}, {@code bad} of them bad. */
  public void add(long time, long total, long bad) {
    if (bad < 0 || bad > total) {
      throw new IllegalArgumentException("bad events must be 0 to " + total + ", got " + bad);
    }
    long minute = Math.floorDiv(time, MINUTE_MS) * MINUTE_MS;
    long[] counts = byMinute.computeIfAbsent(minute, m -> new long[2]);
    counts[0] += total;
    counts[1] += bad;
    byMinute.headMap(byMinute.lastKey() - keepMs, false).clear();
  }

  /**
   * The bad share of the events in the whole minutes of {@code window} that end at {@code now}
   * (minutes {@code [now - window, now)}); 0 without events.
   */
  public double errorRatio(long now, Duration window) {
    long[] counts = sum(now, window);
    return counts[0] == 0 ? 0 : (double) counts[1] / counts[0];
  }

  /** The events in the whole minutes of {@code window} that end at {@code now}. */
  public long events(long now, Duration window) {
    return sum(now, window)[0];
  }

  /** Events and bad events of minutes {@code [now - window, now)}. */
  private long[] sum(long now, Duration window) {
    long end = Math.floorDiv(now, MINUTE_MS) * MINUTE_MS;
    long[] sum = new long[2];
    for (long[] counts : byMinute.subMap(end - window.toMillis(), true, end, false).values()) {
      sum[0] += counts[0];
      sum[1] += counts[1];
    }
    return sum;
  }

  /** How many minutes are kept. */
  public int minutes() {
    return byMinute.size();
  }
}
