package dev.openqoe.pinot.drill;

/**
 * The time range a question is over, in epoch ms: from inclusive, to exclusive; {@link
 * Long#MAX_VALUE} as the end means up to now, with no bound in SQL.
 */
public record TimeRange(long fromMillis, long toMillis) {

  public TimeRange {
    if (toMillis <= fromMillis) {
      throw new IllegalArgumentException(
          "a time range ends after it starts: " + fromMillis + " .. " + toMillis);
    }
  }

  public static TimeRange since(long fromMillis) {
    return new TimeRange(fromMillis, Long.MAX_VALUE);
  }

  public boolean open() {
    return toMillis == Long.MAX_VALUE;
  }

  /** The range as a Pinot SQL condition on {@code column} (epoch ms). */
  public String condition(String column) {
    String from = column + " >= " + fromMillis;
    return open() ? from : from + " AND " + column + " < " + toMillis;
  }

  /** The same length of time just before this one (an open range ends at {@code now}). */
  public TimeRange previous(long now) {
    long to = open() ? now : toMillis;
    return new TimeRange(fromMillis - (to - fromMillis), fromMillis);
  }

  /** This range moved {@code millis} earlier (an open range ends at {@code now}). */
  public TimeRange earlierBy(long millis, long now) {
    long to = open() ? now : toMillis;
    return new TimeRange(fromMillis - millis, to - millis);
  }
}
