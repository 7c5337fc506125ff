package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.Slice;

/**
 * An SLI's events of one minute in one slice: how many there were and how many were good (for the
 * time-based rebuffer SLI, milliseconds of watch time and of playing).
 *
 * @param minute the minute's start, epoch milliseconds
 */
public record SliCount(Slice slice, long minute, long good, long total) {

  public SliCount {
    if (good < 0 || good > total) {
      throw new IllegalArgumentException(
          "good events must be 0 to " + total + " in " + slice + " at " + minute + ", got " + good);
    }
  }

  public long bad() {
    return total - good;
  }
}
