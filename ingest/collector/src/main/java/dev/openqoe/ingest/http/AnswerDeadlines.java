package dev.openqoe.ingest.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests waiting for Kafka's acknowledgement, each given up on (answered 503 by its own event
 * loop) when its deadline passes first. One queue checked a few times a second instead of a timer
 * per request: every request has the same timeout, so the queue is in deadline order, and a Vert.x
 * timer per request (scheduled, then cancelled on nearly every request) cost more than the rest of
 * the answer's bookkeeping.
 */
final class AnswerDeadlines {

  /** One request's deadline; {@link #settle} when it is answered, so nothing is kept for it. */
  static final class Deadline {
    private final long atNanos;
    private final Context context;
    private volatile Runnable onExpiry;

    private Deadline(long atNanos, Context context, Runnable onExpiry) {
      this.atNanos = atNanos;
      this.context = context;
      this.onExpiry = onExpiry;
    }

    void settle() {
      onExpiry = null;
    }
  }

  private final long timeoutNanos;
  private final Queue<Deadline> waiting = new ConcurrentLinkedQueue<>();

  /** Checks the deadlines every tenth of the timeout (at most every 100 ms). */
  AnswerDeadlines(Vertx vertx, Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    vertx.setPeriodic(Math.max(1, Math.min(100, timeout.toMillis() / 10)), id -> expire());
  }

  /**
   * Runs {@code onExpiry} on the caller's event loop once the timeout has passed, unless the
   * returned deadline is settled first. Call from an event loop.
   */
  Deadline start(Runnable onExpiry) {
    Deadline deadline =
        new Deadline(System.nanoTime() + timeoutNanos, Vertx.currentContext(), onExpiry);
    waiting.add(deadline);
    return deadline;
  }

  private void expire() {
    long now = System.nanoTime();
    for (Deadline head = waiting.peek(); head != null; head = waiting.peek()) {
      Runnable onExpiry = head.onExpiry;
      if (onExpiry != null && head.atNanos - now > 0) {
        return;
      }
      waiting.poll();
      if (onExpiry != null) {
        // The request's own event loop decides: its acknowledgement may be queued there already.
        head.context.runOnContext(ignored -> onExpiry.run());
      }
    }
  }
}
