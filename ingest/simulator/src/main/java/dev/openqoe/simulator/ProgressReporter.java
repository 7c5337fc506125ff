package dev.openqoe.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints a line of progress every few seconds while a run goes on, and rates since the last. */
final class ProgressReporter implements AutoCloseable {

  private final DeliveryStats stats;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private long lastNanos = startNanos;
  private long lastAccepted;
  private long lastStarted;

  ProgressReporter(DeliveryStats stats, PrintStream out, Duration interval) {
    this.stats = stats;
    this.out = out;
    if (interval.isZero() || interval.isNegative()) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "simulator-progress");
              thread.setDaemon(true);
              return thread;
            });
    long ms = interval.toMillis();
    timer.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
  }

  private synchronized void report() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    long accepted = stats.beaconsAccepted();
    long started = stats.sessionsStarted();
    out.println(
        String.format(
            Locale.ROOT,
            "simulate: %4d s | sessions %d started (%.1f/s), %d finished, %d open | beacons %d"
                + " accepted (%.0f/s), %d rejected, %d lost | %d requests, %d retries",
            (now - startNanos) / 1_000_000_000L,
            started,
            (started - lastStarted) / seconds,
            stats.sessionsFinished(),
            started - stats.sessionsFinished(),
            accepted,
            (accepted - lastAccepted) / seconds,
            stats.beaconsRejected(),
            stats.beaconsLost(),
            stats.requests(),
            stats.retries()));
    lastNanos = now;
    lastAccepted = accepted;
    lastStarted = started;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
