package dev.openqoe.pinot.server;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The start's lines on stdout, which the parent shows as they come and keeps for its error: one per
 * part started, with how long it took, and while a part takes longer than {@link #every}, one per
 * interval saying what it is waiting for ({@link MainThreadWait}), so a slow start names its cause
 * while it is slow, not only after the parent gave up on it.
 */
final class StartProgress implements AutoCloseable {

  static final String PREFIX = "pinot: ";

  private final Thread starter;
  private final PrintStream out;
  private final Supplier<String> segments;
  private final Duration every;
  private final ScheduledExecutorService ticker;
  private volatile String part = "";
  private volatile long partBegin = System.nanoTime();

  private StartProgress(
      Thread starter, PrintStream out, Supplier<String> segments, Duration every) {
    this.starter = starter;
    this.out = out;
    this.segments = segments;
    this.every = every;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "pinot-start-progress");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Watches {@code starter}, the thread that starts the parts.
   *
   * @param segments the server's account of its segments not yet serving (Pinot's ServiceStatus)
   */
  static StartProgress watch(
      Thread starter, PrintStream out, Supplier<String> segments, Duration every) {
    StartProgress progress = new StartProgress(starter, out, segments, every);
    progress.ticker.scheduleAtFixedRate(
        progress::reportWait, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return progress;
  }

  /** The starter begins starting {@code name} ("ZooKeeper", "the controller"). */
  void starting(String name) {
    partBegin = System.nanoTime();
    part = name;
  }

  /** The part begun last is up: {@code what} says how it serves. */
  void started(String what) {
    print(what + " (" + seconds(System.nanoTime() - partBegin) + " s)");
    part = "";
  }

  private void reportWait() {
    String name = part;
    long waited = System.nanoTime() - partBegin;
    if (name.isEmpty() || waited < every.toNanos()) {
      return;
    }
    print(
        "still starting "
            + name
            + " ("
            + Math.round(seconds(waited))
            + " s): "
            + MainThreadWait.describe(starter.getState(), starter.getStackTrace(), segments));
  }

  private synchronized void print(String line) {
    out.println(PREFIX + line);
    out.flush();
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 100_000_000.0) / 10.0;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
