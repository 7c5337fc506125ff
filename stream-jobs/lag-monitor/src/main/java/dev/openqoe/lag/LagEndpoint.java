package dev.openqoe.lag;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the monitor's metrics in the Prometheus text format, on one address. The
 * figures are those of the last round: a scrape never waits for Kafka.
 */
public final class LagEndpoint implements AutoCloseable {

  private final HttpServer server;

  private LagEndpoint(HttpServer server) {
    this.server = server;
  }

  public static LagEndpoint start(String host, int port, LagMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
              answer(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
              return;
            }
            answer(exchange, 200, metrics.contentType(), metrics.render());
          }
        });
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            answer(exchange, 404, "text/plain; charset=utf-8", "the metrics are at /metrics\n");
          }
        });
    server.start();
    return new LagEndpoint(server);
  }

  /** The port it listens on (the one asked for, or the one chosen for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
