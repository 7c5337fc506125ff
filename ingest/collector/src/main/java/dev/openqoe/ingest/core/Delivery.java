package dev.openqoe.ingest.core;

import java.util.function.Consumer;

/**
 * A request's records on their way to the sink: answered once the sink acknowledged them all, with
 * 503 when it failed or did not answer within the response timeout. One object per request serves
 * as the sink's callback and as the task that brings the acknowledgement back to the request's
 * thread, so the way back allocates no more than the transport's hand-over. What was stored is
 * counted and answered by the endpoint's kind of delivery.
 */
abstract class Delivery implements Consumer<Exception>, Runnable {

  final AdmittedRequest request;
  final IngestService service;
  private AnswerDeadlines.Deadline deadline;
  private long sendStartNanos;
  private Exception failure;

  Delivery(AdmittedRequest request, IngestService service) {
    this.request = request;
    this.service = service;
  }

  final void send(RecordBatch batch) {
    deadline = service.deadlines.start(this::expired);
    sendStartNanos = System.nanoTime();
    service.sink.send(batch, this);
  }

  /** The sink's acknowledgement, on any thread; null when every record is stored. */
  @Override
  public final void accept(Exception failure) {
    this.failure = failure;
    request.exchange().execute(this);
  }

  /** The acknowledgement, back on the request's thread. */
  @Override
  public final void run() {
    deadline.settle();
    if (failure != null) {
      request.retryLater(
          "kafka_unavailable", unstored() + " could not be stored: " + failure.getMessage());
      return;
    }
    service.metrics.kafkaAcknowledged(sendStartNanos);
    stored();
  }

  /**
   * Every record is stored: counts them, and answers unless the request is answered already (its
   * deadline passed first, or its client went away).
   */
  abstract void stored();

  /** What a failure left unstored, as the 503 answer names it. */
  abstract String unstored();

  private void expired() {
    request.retryLater(
        "kafka_timeout",
        "Kafka did not acknowledge within " + service.config.responseTimeout().toMillis() + " ms");
  }
}
