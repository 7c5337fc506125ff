package dev.openqoe.ingest.http;

import dev.openqoe.ingest.CollectorMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what connections may hold: at most {@code maxConnections} open over all event loops (more
 * are closed as they come), and each must send a whole request head within the head timeout of
 * opening or of its previous answer, or it is closed: a client trickling its headers (slowloris) or
 * holding an idle socket cannot keep it. Bodies have their own deadline ({@link IngestHandler}).
 * One guard per event loop, used only on it; a sweep every second checks the deadlines, so a
 * request costs a map lookup and two field writes, not a timer.
 */
final class ConnectionGuard {

  private static final long SWEEP_MILLIS = 1_000;

  /** A connection's state: waiting for a head since {@code since}, or serving {@code request}. */
  private static final class State {
    private long since = System.nanoTime();
    private HttpServerRequest request;
  }

  private final AtomicInteger open;
  private final int maxConnections;
  private final long headTimeoutNanos;
  private final CollectorMetrics metrics;
  private final Map<HttpConnection, State> connections = new IdentityHashMap<>();

  /**
   * @param open the connections open over all event loops, shared by their guards
   */
  ConnectionGuard(
      Vertx vertx,
      AtomicInteger open,
      int maxConnections,
      long headTimeoutMillis,
      CollectorMetrics metrics) {
    this.open = open;
    this.maxConnections = maxConnections;
    this.headTimeoutNanos = headTimeoutMillis * 1_000_000L;
    this.metrics = metrics;
    vertx.setPeriodic(SWEEP_MILLIS, id -> sweep(System.nanoTime()));
  }

  /** A connection was accepted: keeps it, or closes it when too many are open. */
  void opened(HttpConnection connection) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      metrics.rejectedRequest("too_many_connections");
      closeNow(connection);
      return;
    }
    connections.put(connection, new State());
    connection.closeHandler(
        closed -> {
          connections.remove(connection);
          open.decrementAndGet();
        });
  }

  /** A request's head arrived on its connection. */
  void started(HttpServerRequest request) {
    State state = connections.get(request.connection());
    if (state != null) {
      state.request = request;
    }
  }

  private void sweep(long now) {
    for (Iterator<Map.Entry<HttpConnection, State>> entries = connections.entrySet().iterator();
        entries.hasNext(); ) {
      Map.Entry<HttpConnection, State> entry = entries.next();
      State state = entry.getValue();
      if (state.request != null) {
        if (!state.request.response().ended()) {
          continue;
        }
        // Answered: the next head is due within the timeout from now.
        state.request = null;
        state.since = now;
      } else if (now - state.since > headTimeoutNanos) {
        // Read before the removal: an identity map's entry is gone with it.
        HttpConnection connection = entry.getKey();
        entries.remove();
        metrics.rejectedRequest("request_head_timeout");
        closeNow(connection);
      }
    }
  }

  /**
   * Closes the socket itself: Vert.x's {@link HttpConnection#close()} of an HTTP/1.x connection
   * waits for the answer to the request being received, which a half-sent head never gets.
   */
  private static void closeNow(HttpConnection connection) {
    ((ConnectionBase) connection).channel().close();
  }
}
