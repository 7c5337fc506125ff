package dev.openqoe.ingest.core;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** The delivery of a request's beacons and rejected events: answered with the counts. */
final class BeaconDelivery extends Delivery {

  private final int accepted;
  private final int total;
  private final ArrayNode errors;

  /**
   * @param errors the rejected events' reasons, null when every event was valid
   */
  BeaconDelivery(
      AdmittedRequest request, IngestService service, int accepted, int total, ArrayNode errors) {
    super(request, service);
    this.accepted = accepted;
    this.total = total;
    this.errors = errors;
  }

  @Override
  void stored() {
    service.metrics.accepted(
        request.property().id(), request.endpoint().source().wireName(), accepted);
    if (!request.exchange().isAnswered()) {
      request.answer(service.storedAnswers.answer(accepted, total, errors));
    }
  }

  @Override
  String unstored() {
    return "events";
  }
}
