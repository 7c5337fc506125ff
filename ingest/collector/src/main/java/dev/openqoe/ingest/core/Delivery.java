package dev.openqoe.ingest.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.function.Consumer;

/**
 * A request's records on their way to the sink: answered once the sink acknowledged them all, with
 * 503 when it failed or did not answer within the response timeout. One object per request serves
 * as the sink's callback and as the task that brings the acknowledgement back to the request's
 * thread, so the way back allocates no more than the transport's hand-over.
 */
final class Delivery implements Consumer<Exception>, Runnable {

  private final AdmittedRequest request;
  private final IngestService service;
  private final int accepted;
  private final int total;
  private final ArrayNode errors;
  private AnswerDeadlines.Deadline deadline;
  private long sendStartNanos;
  private Exception failure;

  /**
   * @param errors the rejected events' reasons, null when every event was valid
   */
  Delivery(
      AdmittedRequest request, IngestService service, int accepted, int total, ArrayNode errors) {
    this.request = request;
    this.service = service;
    this.accepted = accepted;
    this.total = total;
    this.errors = errors;
  }

  void send(RecordBatch batch) {
    deadline = service.deadlines.start(this::expired);
    sendStartNanos = System.nanoTime();
    service.sink.send(batch, this);
  }

  /** The sink's acknowledgement, on any thread; null when every record is stored. */
  @Override
  public void accept(Exception failure) {
    this.failure = failure;
    request.exchange().execute(this);
  }

  /** The acknowledgement, back on the request's thread. */
  @Override
  public void run() {
    deadline.settle();
    if (failure != null) {
      request.retryLater(
          "kafka_unavailable", "events could not be stored: " + failure.getMessage());
      return;
    }
    service.metrics.kafkaAcknowledged(sendStartNanos);
    service.metrics.accepted(
        request.property().id(), request.endpoint().source().wireName(), accepted);
    if (!request.exchange().isAnswered()) {
      request.answer(service.storedAnswers.answer(accepted, total, errors));
    }
  }

  private void expired() {
    request.retryLater(
        "kafka_timeout",
        "Kafka did not acknowledge within " + service.config.responseTimeout().toMillis() + " ms");
  }
}
