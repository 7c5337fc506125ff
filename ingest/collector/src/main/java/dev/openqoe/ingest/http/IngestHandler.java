package dev.openqoe.ingest.http;

import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.core.AdmittedRequest;
import dev.openqoe.ingest.core.AnswerDeadlines;
import dev.openqoe.ingest.core.Endpoint;
import dev.openqoe.ingest.core.IngestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * POST /v1/beacons, /v1/cmcd and {@code /v1/ops/<feed>} over HTTP: hands each request to the
 * collector's core and reads the body of the requests it admits. Runs on the event loop and never
 * blocks it.
 */
public final class IngestHandler {

  private static final int PRESIZED_BODY_LIMIT = 8 * 1024;

  private final IngestService service;
  private final CollectorMetrics metrics;
  private final AnswerDeadlines bodyDeadlines;

  /**
   * @param bodyDeadlines give up on bodies that do not arrive in time (slow senders)
   */
  public IngestHandler(
      IngestService service, CollectorMetrics metrics, AnswerDeadlines bodyDeadlines) {
    this.service = service;
    this.metrics = metrics;
    this.bodyDeadlines = bodyDeadlines;
  }

  public void handle(HttpServerRequest request, Endpoint endpoint) {
    Exchange exchange = new Exchange(request, endpoint.metricName(), metrics);
    AdmittedRequest admitted = service.admit(endpoint, exchange);
    if (admitted != null) {
      readBody(request, exchange, admitted, bodyDeadlines);
    }
  }

  /** A request to the delivery-chain feed {@code feed}, as named in its path. */
  public void handleOps(HttpServerRequest request, String feed) {
    Exchange exchange = new Exchange(request, Endpoint.OPS.metricName(), metrics);
    AdmittedRequest admitted = service.admitOps(feed, exchange);
    if (admitted != null) {
      readBody(request, exchange, admitted, bodyDeadlines);
    }
  }

  private static void readBody(
      HttpServerRequest request,
      Exchange exchange,
      AdmittedRequest admitted,
      AnswerDeadlines bodyDeadlines) {
    long declaredLength = admitted.declaredLength();
    // Sized as declared, a typical body is not copied over while it grows; the size is capped, so
    // a client declaring large bodies it never sends cannot make the collector reserve memory.
    Buffer body =
        declaredLength > 0
            ? Buffer.buffer((int) Math.min(declaredLength, PRESIZED_BODY_LIMIT))
            : Buffer.buffer();
    request.handler(
        chunk -> {
          if (admitted.accepts((long) body.length() + chunk.length())) {
            body.appendBuffer(chunk);
          }
        });
    // A body trickled in (slowloris) would hold the connection and its buffer: answered 408 and
    // the connection closed when it is not all there in time.
    AnswerDeadlines.Deadline deadline =
        bodyDeadlines.start(
            () -> {
              if (!exchange.isAnswered()) {
                exchange.refuse(
                    408,
                    "request_timeout",
                    "the request body did not arrive within the time allowed: send it at once");
              }
            });
    request.endHandler(
        done -> {
          deadline.settle();
          // A body refused while it was read is not copied out.
          if (!exchange.isAnswered()) {
            admitted.received(body.getBytes());
          }
        });
  }
}
