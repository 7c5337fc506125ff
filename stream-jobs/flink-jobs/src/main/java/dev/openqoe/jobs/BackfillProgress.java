package dev.openqoe.jobs;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import org.apache.iceberg.data.Record;

/** Progress lines of a backfill on standard error, at most one per few seconds while it reads. */
final class BackfillProgress {

  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final boolean lines;
  private final long started = System.nanoTime();
  private long lastLine = started;

  BackfillProgress(PrintStream err, boolean lines) {
    this.err = err;
    this.lines = lines;
  }

  void readingRaw(long beacons) {
    if (due()) {
      line("reading ods.player_beacons: %,d beacons so far", beacons);
    }
  }

  void unreadable(Record row, String reason) {
    err.printf(
        Locale.ROOT,
        "backfill: skipping ods.player_beacons row %s/%s: %s%n",
        row.getField("session_id"),
        row.getField("seq"),
        reason);
  }

  void rawRead(long beacons, Instant from, Instant to) {
    line("read %,d beacons received from %s to %s", beacons, from, to);
  }

  void computing(long sessions) {
    if (due()) {
      line("computing sessions: %,d so far", sessions);
    }
  }

  void sessions(long computed, long recomputed, long onEdges) {
    line(
        "computed %,d sessions from the beacons read: %,d lie wholly inside the range and are"
            + " recomputed (%,d more would, but their rows in the warehouse straddle an edge);"
            + " the others keep their rows",
        computed, recomputed, onEdges);
  }

  void partition(String table, String partition, int oldRows, int newRows) {
    line("%s %s: %,d rows -> %,d", table, partition, oldRows, newRows);
  }

  void committed(String table, int partitions, long snapshotId) {
    line("%s: %d partitions replaced in one commit, snapshot %d", table, partitions, snapshotId);
  }

  double elapsedSeconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  private boolean due() {
    long now = System.nanoTime();
    if (now - lastLine < EVERY_NANOS) {
      return false;
    }
    lastLine = now;
    return true;
  }

  private void line(String format, Object... args) {
    if (lines) {
      err.printf(
          Locale.ROOT,
          "backfill [%5.1f s] %s%n",
          elapsedSeconds(),
          String.format(Locale.ROOT, format, args));
    }
  }
}
