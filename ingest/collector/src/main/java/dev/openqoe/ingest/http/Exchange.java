package dev.openqoe.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.ingest.CollectorMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One request and its single answer: sets the common headers, counts the answer in the metrics and
 * the in-flight gauge, and closes the connection when the client is still sending a body that will
 * not be read.
 */
final class Exchange {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");

  /** Status recorded for requests whose client closed the connection first (as nginx does). */
  static final int CLIENT_CLOSED = 499;

  /** How long the rest of a refused body is read before the connection is closed anyway. */
  private static final long LINGER_MILLIS = 2_000;

  final HttpServerRequest request;
  final String endpoint;
  private final long startNanos = System.nanoTime();
  private final CollectorMetrics metrics;
  private String allowedOrigin;
  private boolean answered;

  Exchange(HttpServerRequest request, String endpoint, CollectorMetrics metrics) {
    this.request = request;
    this.endpoint = endpoint;
    this.metrics = metrics;
    metrics.requestStarted();
    request.response().closeHandler(closed -> abandon());
  }

  /** The client went away before the answer: stop counting the request as in flight. */
  private void abandon() {
    if (!answered) {
      answered = true;
      metrics.requestFinished();
      metrics.answered(endpoint, CLIENT_CLOSED, startNanos);
    }
  }

  boolean isAnswered() {
    return answered;
  }

  /** Lets the browser page at {@code origin} read the answer. */
  void allowOrigin(String origin) {
    this.allowedOrigin = origin;
  }

  /** A refusal as {"error": code, "reason": reason}, counted under its reason code. */
  void refuse(int status, String code, String reason) {
    metrics.rejectedRequest(code);
    ObjectNode body = JSON.createObjectNode().put("error", code).put("reason", reason);
    json(status, body);
  }

  void json(int status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a response", e);
    }
    json(status, bytes);
  }

  /** An answer already rendered as JSON (UTF-8). */
  void json(int status, byte[] body) {
    response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    end(status, Buffer.buffer(body));
  }

  void end(int status, Buffer body) {
    if (answered) {
      return;
    }
    answered = true;
    HttpServerResponse response = response().setStatusCode(status);
    if (allowedOrigin != null) {
      response.putHeader("Access-Control-Allow-Origin", allowedOrigin).putHeader("Vary", "Origin");
    }
    boolean unreadBody = !request.isEnded();
    if (unreadBody) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    metrics.requestFinished();
    metrics.answered(endpoint, status, startNanos);
    Buffer answer = body == null ? Buffer.buffer() : body;
    if (!unreadBody) {
      response.end(answer);
      return;
    }
    // Closing while the client still sends makes the kernel reset the connection, and a reset can
    // destroy the answer before the client reads it: read and drop the rest of the body first, for
    // a bounded time.
    request.handler(ignored -> {});
    request.resume();
    response
        .end(answer)
        .onComplete(
            done -> {
              HttpConnection connection = request.connection();
              if (request.isEnded()) {
                connection.close();
                return;
              }
              long timer = vertx().setTimer(LINGER_MILLIS, fired -> connection.close());
              request.endHandler(
                  ended -> {
                    vertx().cancelTimer(timer);
                    connection.close();
                  });
            });
  }

  private static Vertx vertx() {
    return Vertx.currentContext().owner();
  }

  HttpServerResponse response() {
    return request.response();
  }
}
