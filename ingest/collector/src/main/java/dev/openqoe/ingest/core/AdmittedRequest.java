package dev.openqoe.ingest.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.ingest.enrich.ClientNetwork;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.protocol.BeaconRejection;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.protocol.RejectedBeacon;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A request whose head the {@link IngestService} admitted: the transport reads its body, checking
 * each step with {@link #accepts}, and hands it over with {@link #received}, which decodes, reads
 * and validates it, and stores its valid beacons and rejected events in one batch; a delivery-chain
 * body is stored as one raw record of its feed.
 */
public final class AdmittedRequest {

  private final IngestService service;
  private final Endpoint endpoint;
  private final String feed;
  private final int bodyLimit;
  private final IngestExchange exchange;
  private final IngestProperty property;
  private final String origin;
  private final ClientNetwork client;
  private final String userAgent;
  private final boolean gzip;
  private final long declaredLength;
  private final long receivedAt;

  AdmittedRequest(
      IngestService service,
      Endpoint endpoint,
      String feed,
      IngestExchange exchange,
      IngestProperty property,
      String origin,
      ClientNetwork client,
      String userAgent,
      boolean gzip,
      long declaredLength,
      long receivedAt) {
    this.service = service;
    this.endpoint = endpoint;
    this.feed = feed;
    this.bodyLimit = service.bodyLimit(endpoint);
    this.exchange = exchange;
    this.property = property;
    this.origin = origin;
    this.client = client;
    this.userAgent = userAgent;
    this.gzip = gzip;
    this.declaredLength = declaredLength;
    this.receivedAt = receivedAt;
  }

  /** The Content-Length, or -1 when the request declared none. */
  public long declaredLength() {
    return declaredLength;
  }

  /**
   * Whether the transport should go on reading a body that has grown to {@code bytes}: false when
   * the request is answered already, or answered now because the body is over the limit.
   */
  public boolean accepts(long bytes) {
    if (exchange.isAnswered()) {
      return false;
    }
    if (bytes > bodyLimit) {
      answer(service.refusals.tooLarge(property, endpoint, "body over " + bodyLimit + " bytes"));
      return false;
    }
    return true;
  }

  /** The whole body, as sent (gzip still compressed); ignored once the request is answered. */
  public void received(byte[] body) {
    if (exchange.isAnswered()) {
      return;
    }
    if (!gzip) {
      read(body);
      return;
    }
    BodyDecoder.Decoded decoded = BodyDecoder.gunzip(body, bodyLimit);
    if (decoded instanceof BodyDecoder.Decoded.Body inflated) {
      read(inflated.bytes());
    } else if (decoded instanceof BodyDecoder.Decoded.TooLarge tooLarge) {
      answer(
          service.refusals.tooLarge(
              property, endpoint, "inflated body over " + tooLarge.limit() + " bytes"));
    } else if (decoded instanceof BodyDecoder.Decoded.Malformed malformed) {
      refuseBody(body, "malformed_gzip", malformed.reason());
    }
  }

  private void read(byte[] body) {
    if (endpoint == Endpoint.OPS) {
      storeAsReceived(body);
      return;
    }
    IngestItem.Body content =
        endpoint == Endpoint.BEACONS
            ? service.beaconReader.read(body)
            : service.cmcdReader.read(exchange, body, receivedAt);
    if (content instanceof IngestItem.Body.Unreadable unreadable) {
      refuseBody(body, unreadable.code(), unreadable.reason());
      return;
    }
    List<IngestItem> items = ((IngestItem.Body.Items) content).items();
    if (items.isEmpty()) {
      refuseBody(body, "no_events", "the request holds no events");
      return;
    }
    int limit = service.config.maxEventsPerBatch();
    if (items.size() > limit) {
      answer(
          service.refusals.refusal(
              property,
              413,
              "too_many_events",
              "the request holds "
                  + (endpoint == Endpoint.BEACONS ? items.size() : "more than " + limit)
                  + " events, at most "
                  + limit
                  + " are allowed per request"));
      return;
    }
    store(items);
  }

  /** Sends the valid beacons and the rejected events in one batch, and answers once stored. */
  private void store(List<IngestItem> items) {
    Receipt receipt = null;
    RecordBatch batch = service.sink.newBatch();
    ArrayNode errors = null;
    int accepted = 0;
    for (int index = 0; index < items.size(); index++) {
      IngestItem item = items.get(index);
      if (item.result() instanceof ParseResult.Valid valid) {
        if (receipt == null) {
          receipt =
              service.receipts.receipt(receivedAt, property, endpoint.source(), client, userAgent);
        }
        batch.add(new IngestedBeacon(valid.event(), receipt));
        accepted++;
        continue;
      }
      BeaconRejection rejection = ((ParseResult.Invalid) item.result()).rejection();
      batch.add(rejected(item.payload(), rejection.message(), rejection.field(), index));
      service.refusals.rejectedEvent(property, index, reasonCode(rejection), rejection.message());
      if (errors == null) {
        errors = IngestAnswer.JSON.createArrayNode();
      }
      ObjectNode error = errors.addObject().put("index", index);
      if (rejection.field() != null) {
        error.put("field", rejection.field());
      }
      error.put("reason", rejection.message());
    }
    new BeaconDelivery(this, service, accepted, items.size(), errors).send(batch);
  }

  /**
   * Stores a delivery-chain body as one raw record of its feed, unchanged, once its envelope holds:
   * the normaliser reads the records in it.
   */
  private void storeAsReceived(byte[] body) {
    OpsEnvelope.Refusal refusal = OpsEnvelope.check(body);
    if (refusal != null) {
      refuseBody(body, refusal.code(), refusal.reason());
      return;
    }
    RecordBatch batch = service.sink.newBatch();
    batch.add(new OpsRecord(feed, property.id(), body));
    new OpsDelivery(this, service, feed, body.length).send(batch);
  }

  /**
   * Refuses a whole body that could not be read with 400, and keeps it on the DLQ (best effort): a
   * beacon body on the beacons' DLQ, a delivery-chain body on the delivery chain's, with its feed's
   * name as its format.
   */
  private void refuseBody(byte[] body, String code, String reason) {
    RecordBatch batch = service.sink.newBatch();
    String payload = new String(body, StandardCharsets.UTF_8);
    if (endpoint == Endpoint.OPS) {
      batch.add(new OpsRejected(feed, payload, reason, receivedAt), property.id());
    } else {
      batch.add(rejected(payload, reason, null, null));
    }
    service.sink.send(batch, failure -> {});
    answer(service.refusals.refusal(property, 400, code, reason));
  }

  private RejectedBeacon rejected(String payload, String reason, String field, Integer index) {
    return new RejectedBeacon(
        payload,
        reason,
        field,
        index,
        property.id(),
        receivedAt,
        endpoint.source(),
        client == null ? null : client.anonymised(),
        userAgent);
  }

  /** A reason code for metrics: the field name, with client-chosen parts (custom keys) cut off. */
  private static String reasonCode(BeaconRejection rejection) {
    String field = rejection.field();
    if (field == null) {
      return "invalid_event";
    }
    if (field.startsWith("custom")) {
      return "invalid_custom";
    }
    return "invalid_" + field.replace('.', '_');
  }

  Endpoint endpoint() {
    return endpoint;
  }

  IngestProperty property() {
    return property;
  }

  IngestExchange exchange() {
    return exchange;
  }

  /** Answers 503 with Retry-After, unless the request is answered already. */
  void retryLater(String code, String reason) {
    if (!exchange.isAnswered()) {
      answer(service.refusals.retryLater(property, code, reason));
    }
  }

  /** Answers, letting the request's browser origin read the answer. */
  void answer(IngestAnswer answer) {
    exchange.answer(answer.allowingOrigin(origin));
  }
}
