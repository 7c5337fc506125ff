package dev.openqoe.ingest.core;

import java.util.List;

/**
 * The delivery of a delivery-chain body, stored as one raw record: answered with {"stored": 1,
 * "bytes": its size, "feed": its feed}.
 */
final class OpsDelivery extends Delivery {

  private final String feed;
  private final int bytes;

  OpsDelivery(AdmittedRequest request, IngestService service, String feed, int bytes) {
    super(request, service);
    this.feed = feed;
    this.bytes = bytes;
  }

  @Override
  void stored() {
    service.metrics.opsAccepted(request.property().id(), feed, bytes);
    if (!request.exchange().isAnswered()) {
      request.answer(
          IngestAnswer.json(
              200,
              IngestAnswer.JSON
                  .createObjectNode()
                  .put("stored", 1)
                  .put("bytes", bytes)
                  .put("feed", feed),
              List.of()));
    }
  }

  @Override
  String unstored() {
    return "the body";
  }
}
