package dev.openqoe.replay;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr for long replays: the first after two seconds, then every five. */
final class ReplayProgress {

  private static final long FIRST_AFTER_NANOS = 2_000_000_000L;
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private long nextNanos = startNanos + FIRST_AFTER_NANOS;

  ReplayProgress(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  /** True when a progress line is due; cheap enough to call for every line of input. */
  boolean due() {
    if (!enabled) {
      return false;
    }
    long now = System.nanoTime();
    if (now < nextNanos) {
      return false;
    }
    nextNanos = now + EVERY_NANOS;
    return true;
  }

  void reading(long bytesRead, long totalBytes, ReplayCounts counts) {
    double seconds = elapsedSeconds();
    String share =
        totalBytes > 0
            ? String.format(
                Locale.ROOT, " of %s (%.0f%%)", size(totalBytes), 100.0 * bytesRead / totalBytes)
            : "";
    out.printf(
        Locale.ROOT,
        "replay: read %s%s, %,d beacons, %,d invalid lines, %s/s%n",
        size(bytesRead),
        share,
        counts.beacons,
        counts.invalid,
        size((long) (bytesRead / Math.max(seconds, 1e-3))));
  }

  void writing(long beaconsDone, long beaconsTotal, ReplayCounts counts) {
    out.printf(
        Locale.ROOT,
        "replay: computing sessions, %,d written, %.0f%% of beacons done%n",
        counts.sessions,
        beaconsTotal == 0 ? 100.0 : 100.0 * beaconsDone / beaconsTotal);
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
