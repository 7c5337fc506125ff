package dev.openqoe.ingest.http;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Requests waiting for Kafka's acknowledgement, each given up on (answered 503) when its deadline
 * passes first. Every request has the same timeout, so a queue per event loop is in deadline order:
 * answered requests leave it from the front as new ones join, and a check a few times a second
 * expires the rest when no request comes. A Vert.x timer per request (scheduled, then cancelled on
 * nearly every request) cost more; one queue shared by the event loops and emptied only by that
 * check held thousands of answered entries and stalled the loop that emptied it for milliseconds.
 */
final class AnswerDeadlines {

  /** One request's deadline; {@link #settle} it once the request is answered. */
  static final class Deadline {
    private final long atNanos;
    private Runnable onExpiry;

    private Deadline(long atNanos, Runnable onExpiry) {
      this.atNanos = atNanos;
      this.onExpiry = onExpiry;
    }

    /** Call on the event loop that started the deadline. */
    void settle() {
      onExpiry = null;
    }
  }

  private final Vertx vertx;
  private final long timeoutNanos;
  private final long checkMillis;
  private final ThreadLocal<ArrayDeque<Deadline>> perEventLoop = new ThreadLocal<>();

  /** Checks for expired deadlines every tenth of the timeout (at most every 100 ms). */
  AnswerDeadlines(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeoutNanos = timeout.toNanos();
    this.checkMillis = Math.max(1, Math.min(100, timeout.toMillis() / 10));
  }

  /**
   * Runs {@code onExpiry} on the calling event loop once the timeout has passed, unless the
   * returned deadline is settled first. Call from an event loop.
   */
  Deadline start(Runnable onExpiry) {
    ArrayDeque<Deadline> waiting = perEventLoop.get();
    if (waiting == null) {
      ArrayDeque<Deadline> created = new ArrayDeque<>();
      perEventLoop.set(created);
      // Created on this event loop, the check runs on it too: the queue is never shared.
      vertx.setPeriodic(checkMillis, id -> expire(created, System.nanoTime()));
      waiting = created;
    }
    long now = System.nanoTime();
    expire(waiting, now);
    Deadline deadline = new Deadline(now + timeoutNanos, onExpiry);
    waiting.addLast(deadline);
    return deadline;
  }

  private static void expire(ArrayDeque<Deadline> waiting, long now) {
    for (Deadline head = waiting.peekFirst(); head != null; head = waiting.peekFirst()) {
      Runnable onExpiry = head.onExpiry;
      if (onExpiry != null && head.atNanos - now > 0) {
        return;
      }
      waiting.pollFirst();
      if (onExpiry != null) {
        onExpiry.run();
      }
    }
  }
}
