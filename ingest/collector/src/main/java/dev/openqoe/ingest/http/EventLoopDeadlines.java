package dev.openqoe.ingest.http;

import dev.openqoe.ingest.core.AnswerDeadlines;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Requests waiting for the sink's acknowledgement, each given up on when its deadline passes first.
 * Every request has the same timeout, so a queue per event loop is in deadline order: answered
 * requests leave it from the front as new ones join, and a check a few times a second expires the
 * rest when no request comes. A Vert.x timer per request (scheduled, then cancelled on nearly every
 * request) cost more; one queue shared by the event loops and emptied only by that check held
 * thousands of answered entries and stalled the loop that emptied it for milliseconds.
 */
public final class EventLoopDeadlines implements AnswerDeadlines {

  private static final class QueuedDeadline implements Deadline {
    private final long atNanos;
    private Runnable onExpiry;

    private QueuedDeadline(long atNanos, Runnable onExpiry) {
      this.atNanos = atNanos;
      this.onExpiry = onExpiry;
    }

    @Override
    public void settle() {
      onExpiry = null;
    }
  }

  private final Vertx vertx;
  private final long timeoutNanos;
  private final long checkMillis;
  private final ThreadLocal<ArrayDeque<QueuedDeadline>> perEventLoop = new ThreadLocal<>();

  /** Checks for expired deadlines every tenth of the timeout (at most every 100 ms). */
  public EventLoopDeadlines(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeoutNanos = timeout.toNanos();
    this.checkMillis = Math.max(1, Math.min(100, timeout.toMillis() / 10));
  }

  /** Call from an event loop. */
  @Override
  public Deadline start(Runnable onExpiry) {
    ArrayDeque<QueuedDeadline> waiting = perEventLoop.get();
    if (waiting == null) {
      ArrayDeque<QueuedDeadline> created = new ArrayDeque<>();
      perEventLoop.set(created);
      // Created on this event loop, the check runs on it too: the queue is never shared.
      vertx.setPeriodic(checkMillis, id -> expire(created, System.nanoTime()));
      waiting = created;
    }
    long now = System.nanoTime();
    expire(waiting, now);
    QueuedDeadline deadline = new QueuedDeadline(now + timeoutNanos, onExpiry);
    waiting.addLast(deadline);
    return deadline;
  }

  private static void expire(ArrayDeque<QueuedDeadline> waiting, long now) {
    for (QueuedDeadline head = waiting.peekFirst(); head != null; head = waiting.peekFirst()) {
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
