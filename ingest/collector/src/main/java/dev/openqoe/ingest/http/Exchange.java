package dev.openqoe.ingest.http;

import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.core.AnswerHeader;
import dev.openqoe.ingest.core.IngestAnswer;
import dev.openqoe.ingest.core.IngestExchange;
import dev.openqoe.ingest.core.RequestHeader;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import java.util.List;

/**
 * One HTTP request and its single answer: gives the collector's core what it reads of the request,
 * writes its answers with the common headers, counts each answer in the metrics and the in-flight
 * gauge, and closes the connection when the client is still sending a body that will not be read.
 */
final class Exchange implements IngestExchange {

  /**
   * The names of the headers the core reads, as Netty's ASCII strings: their hash is computed once,
   * not per request.
   */
  private static final CharSequence[] HEADER_NAMES = headerNames();

  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");

  /** Status recorded for requests whose client closed the connection first (as nginx does). */
  static final int CLIENT_CLOSED = 499;

  /** How long the rest of a refused body is read before the connection is closed anyway. */
  private static final long LINGER_MILLIS = 2_000;

  final HttpServerRequest request;
  private final String endpoint;
  private final Context context = Vertx.currentContext();
  private final long startNanos = System.nanoTime();
  private final CollectorMetrics metrics;
  private boolean answered;

  Exchange(HttpServerRequest request, String endpoint, CollectorMetrics metrics) {
    this.request = request;
    this.endpoint = endpoint;
    this.metrics = metrics;
    metrics.requestStarted();
    request.response().closeHandler(closed -> abandon());
  }

  private static CharSequence[] headerNames() {
    RequestHeader[] headers = RequestHeader.values();
    CharSequence[] names = new CharSequence[headers.length];
    for (RequestHeader header : headers) {
      names[header.ordinal()] = HttpHeaders.createOptimized(header.wireName());
    }
    return names;
  }

  /** The client went away before the answer: stop counting the request as in flight. */
  private void abandon() {
    if (!answered) {
      answered = true;
      metrics.requestFinished();
      metrics.answered(endpoint, CLIENT_CLOSED, startNanos);
    }
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String header(RequestHeader header) {
    CharSequence name = HEADER_NAMES[header.ordinal()];
    if (header != RequestHeader.FORWARDED_FOR) {
      return request.getHeader(name);
    }
    // Proxies may append a header line of their own rather than extend the client's: the entries
    // count in order over all lines.
    List<String> lines = request.headers().getAll(name);
    return lines.isEmpty() ? null : String.join(",", lines);
  }

  @Override
  public String queryParameter(String name) {
    return request.getParam(name);
  }

  @Override
  public String remoteAddress() {
    SocketAddress address = request.remoteAddress();
    return address == null ? null : address.hostAddress();
  }

  @Override
  public boolean isAnswered() {
    return answered;
  }

  @Override
  public void execute(Runnable task) {
    context.runOnContext(ignored -> task.run());
  }

  /** A refusal of a request the core does not serve, counted under its reason code. */
  void refuse(int status, String code, String reason) {
    metrics.rejectedRequest(code);
    answer(IngestAnswer.refusal(status, code, reason));
  }

  @Override
  public void answer(IngestAnswer answer) {
    if (answered) {
      return;
    }
    HttpServerResponse response = response();
    // Indexed: most answers have no header, and an iterator would be an allocation per answer.
    List<AnswerHeader> headers = answer.headers();
    for (int i = 0; i < headers.size(); i++) {
      response.putHeader(headers.get(i).name(), headers.get(i).value());
    }
    if (answer.body() == null) {
      end(answer.status(), null, answer.allowedOrigin());
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    end(answer.status(), Buffer.buffer(answer.body()), answer.allowedOrigin());
  }

  void end(int status, Buffer body) {
    end(status, body, null);
  }

  private void end(int status, Buffer body, String allowedOrigin) {
    if (answered) {
      return;
    }
    answered = true;
    HttpServerResponse response = response().setStatusCode(status);
    if (allowedOrigin != null) {
      // A page may only read the headers a CORS answer exposes: an SDK must see Retry-After to
      // wait as long as a 429 or 503 asks.
      response
          .putHeader("Access-Control-Allow-Origin", allowedOrigin)
          .putHeader("Access-Control-Expose-Headers", "Retry-After")
          .putHeader("Vary", "Origin");
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

  private Vertx vertx() {
    return context.owner();
  }

  HttpServerResponse response() {
    return request.response();
  }
}
