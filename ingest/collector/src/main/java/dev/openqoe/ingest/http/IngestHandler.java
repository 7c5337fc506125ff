package dev.openqoe.ingest.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.cmcd.CmcdMapper;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.ingest.config.PropertyRegistry;
import dev.openqoe.ingest.enrich.ClientNetwork;
import dev.openqoe.ingest.enrich.ClientNetworks;
import dev.openqoe.ingest.enrich.ReceiptFactory;
import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.BeaconRejection;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.protocol.RejectedBeacon;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * POST /v1/beacons and /v1/cmcd: authenticates, limits, reads and validates the body, enriches the
 * valid beacons, and answers once Kafka has acknowledged every record (valid beacons and DLQ
 * entries). Runs on the event loop and never blocks it.
 */
public final class IngestHandler {

  static final String KEY_HEADER = "X-QoE-Key";

  /** Header names as Netty's ASCII strings: their hash is computed once, not per request. */
  private static final CharSequence KEY = HttpHeaders.createOptimized(KEY_HEADER);

  private static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");

  private static final int PRESIZED_BODY_LIMIT = 8 * 1024;

  private final CollectorConfig config;
  private final PropertyRegistry properties;
  private final BeaconBodyReader beaconReader;
  private final CmcdRequestReader cmcdReader;
  private final ReceiptFactory receipts;
  private final BeaconSink sink;
  private final CollectorMetrics metrics;
  private final CorsPolicy cors;
  private final BooleanSupplier draining;
  private final Vertx vertx;
  private final AnswerDeadlines answerDeadlines;
  private final AtomicReferenceArray<byte[]> allStoredAnswers;
  private final RateLimiter propertyLimits = new RateLimiter();
  private final RateLimiter clientLimits = new RateLimiter();
  private final ClientNetworks clientNetworks = new ClientNetworks();
  private final RejectLog rejectLog = new RejectLog();

  public IngestHandler(
      Vertx vertx,
      CollectorConfig config,
      PropertyRegistry properties,
      BeaconParser parser,
      CmcdMapper cmcdMapper,
      ReceiptFactory receipts,
      BeaconSink sink,
      CollectorMetrics metrics,
      BooleanSupplier draining) {
    this.vertx = vertx;
    this.config = config;
    this.properties = properties;
    this.beaconReader = new BeaconBodyReader(parser);
    this.cmcdReader = new CmcdRequestReader(cmcdMapper, parser, config.maxEventsPerBatch());
    this.receipts = receipts;
    this.sink = sink;
    this.metrics = metrics;
    this.cors = new CorsPolicy(properties);
    this.draining = draining;
    this.answerDeadlines = new AnswerDeadlines(vertx, config.responseTimeout());
    this.allStoredAnswers = new AtomicReferenceArray<>(config.maxEventsPerBatch() + 1);
  }

  /** The two ingest endpoints. */
  public enum Endpoint {
    BEACONS("beacons", IngestSource.BEACON, "POST"),
    CMCD("cmcd", IngestSource.CMCD, "GET, POST");

    final String metricName;
    final IngestSource source;
    final String methods;

    Endpoint(String metricName, IngestSource source, String methods) {
      this.metricName = metricName;
      this.source = source;
      this.methods = methods;
    }
  }

  public void handle(HttpServerRequest request, Endpoint endpoint) {
    Exchange exchange = new Exchange(request, endpoint.metricName, metrics);
    HttpMethod method = request.method();
    if (method == HttpMethod.OPTIONS) {
      cors.preflight(exchange, endpoint.methods);
      return;
    }
    if (!(method == HttpMethod.POST || (endpoint == Endpoint.CMCD && method == HttpMethod.GET))) {
      exchange.response().putHeader("Allow", endpoint.methods + ", OPTIONS");
      refuse(exchange, null, 405, "method_not_allowed", method + " is not supported here");
      return;
    }
    if (draining.getAsBoolean()) {
      retryLater(exchange, null, "shutting_down", "the collector is shutting down");
      return;
    }
    String key = request.getHeader(KEY);
    IngestProperty property = properties.byKey(key != null ? key : request.getParam("k"));
    if (property == null) {
      refuse(
          exchange,
          null,
          401,
          "unknown_ingest_key",
          "send your property's ingest key in the X-QoE-Key header or the k query parameter");
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null) {
      if (!property.allowsOrigin(origin)) {
        refuse(
            exchange,
            property,
            403,
            "origin_not_allowed",
            "origin " + origin + " is not allowed for property " + property.id());
        return;
      }
      exchange.allowOrigin(origin);
    }
    ClientNetwork client = clientNetwork(request);
    if (!propertyLimits.tryAcquire(property.id(), property.requestsPerSecond())) {
      rateLimited(exchange, property, "rate_limited_property", "property " + property.id());
      return;
    }
    if (client != null
        && !clientLimits.tryAcquire(client.rateLimitKey(), config.perIpRequestsPerSecond())) {
      rateLimited(exchange, property, "rate_limited_client", "your address");
      return;
    }
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
      refuse(
          exchange,
          property,
          415,
          "unsupported_encoding",
          "Content-Encoding " + encoding + " is not supported; send gzip or no encoding");
      return;
    }
    if (method == HttpMethod.POST
        && !acceptsContentType(endpoint, request.getHeader(HttpHeaders.CONTENT_TYPE))) {
      refuse(
          exchange,
          property,
          415,
          "unsupported_media_type",
          endpoint == Endpoint.BEACONS
              ? "send Content-Type application/json or text/plain"
              : "send Content-Type application/cmcd or text/plain");
      return;
    }
    long length = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
    if (length > config.maxBodyBytes()) {
      tooLarge(exchange, property, "body of " + length + " bytes");
      return;
    }
    readBody(exchange, endpoint, property, client, gzip, length);
  }

  private void readBody(
      Exchange exchange,
      Endpoint endpoint,
      IngestProperty property,
      ClientNetwork client,
      boolean gzip,
      long declaredLength) {
    HttpServerRequest request = exchange.request;
    long receivedAt = receipts.now();
    // Sized as declared, a typical body is not copied over while it grows; the size is capped, so
    // a client declaring large bodies it never sends cannot make the collector reserve memory.
    Buffer body =
        declaredLength > 0
            ? Buffer.buffer((int) Math.min(declaredLength, PRESIZED_BODY_LIMIT))
            : Buffer.buffer();
    request.handler(
        chunk -> {
          if (exchange.isAnswered()) {
            return;
          }
          if (body.length() + chunk.length() > config.maxBodyBytes()) {
            tooLarge(exchange, property, "body over " + config.maxBodyBytes() + " bytes");
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        done -> {
          if (exchange.isAnswered()) {
            return;
          }
          Request received =
              new Request(
                  exchange,
                  endpoint,
                  property,
                  client,
                  receivedAt,
                  request.getHeader(HttpHeaders.USER_AGENT));
          byte[] bytes = body.getBytes();
          if (gzip) {
            BodyDecoder.Decoded decoded = BodyDecoder.gunzip(bytes, config.maxBodyBytes());
            if (decoded instanceof BodyDecoder.Decoded.Body inflated) {
              process(received, inflated.bytes());
            } else if (decoded instanceof BodyDecoder.Decoded.TooLarge tooLarge) {
              tooLarge(exchange, property, "inflated body over " + tooLarge.limit() + " bytes");
            } else if (decoded instanceof BodyDecoder.Decoded.Malformed malformed) {
              refuseBody(received, bytes, 400, "malformed_gzip", malformed.reason());
            }
          } else {
            process(received, bytes);
          }
        });
  }

  /** What every step after the body needs to know about the request. */
  private record Request(
      Exchange exchange,
      Endpoint endpoint,
      IngestProperty property,
      ClientNetwork client,
      long receivedAt,
      String userAgent) {}

  private void process(Request request, byte[] body) {
    IngestItem.Body content =
        request.endpoint == Endpoint.BEACONS
            ? beaconReader.read(body)
            : cmcdReader.read(request.exchange.request, body, request.receivedAt);
    if (content instanceof IngestItem.Body.Unreadable unreadable) {
      refuseBody(request, body, 400, unreadable.code(), unreadable.reason());
      return;
    }
    List<IngestItem> items = ((IngestItem.Body.Items) content).items();
    if (items.isEmpty()) {
      refuseBody(request, body, 400, "no_events", "the request holds no events");
      return;
    }
    if (items.size() > config.maxEventsPerBatch()) {
      refuse(
          request.exchange,
          request.property,
          413,
          "too_many_events",
          "the request holds "
              + (request.endpoint == Endpoint.BEACONS
                  ? items.size()
                  : "more than " + config.maxEventsPerBatch())
              + " events, at most "
              + config.maxEventsPerBatch()
              + " are allowed per request");
      return;
    }
    deliver(request, items);
  }

  private void deliver(Request request, List<IngestItem> items) {
    Receipt receipt = null;
    String anonymisedIp = request.client == null ? null : request.client.anonymised();
    BeaconSink.Batch batch = new BeaconSink.Batch();
    ArrayNode errors = null;
    int accepted = 0;
    for (int index = 0; index < items.size(); index++) {
      IngestItem item = items.get(index);
      if (item.result() instanceof ParseResult.Valid valid) {
        if (receipt == null) {
          receipt =
              receipts.receipt(
                  request.receivedAt,
                  request.property,
                  request.endpoint.source,
                  request.client,
                  request.userAgent);
        }
        batch.add(new IngestedBeacon(valid.event(), receipt));
        accepted++;
        continue;
      }
      BeaconRejection rejection = ((ParseResult.Invalid) item.result()).rejection();
      batch.add(
          new RejectedBeacon(
              item.payload(),
              rejection.message(),
              rejection.field(),
              index,
              request.property.id(),
              request.receivedAt,
              request.endpoint.source,
              anonymisedIp,
              request.userAgent));
      String reasonCode = reasonCode(rejection);
      metrics.rejectedEvent(request.property.id(), reasonCode);
      rejectLog.rejected(
          reasonCode, request.property.id(), "event " + index + ": " + rejection.message());
      if (errors == null) {
        errors = Exchange.JSON.createArrayNode();
      }
      ObjectNode error = errors.addObject().put("index", index);
      if (rejection.field() != null) {
        error.put("field", rejection.field());
      }
      error.put("reason", rejection.message());
    }
    int acceptedCount = accepted;
    ArrayNode rejections = errors;
    Exchange exchange = request.exchange;
    Context context = vertx.getOrCreateContext();
    AnswerDeadlines.Deadline deadline =
        answerDeadlines.start(
            () ->
                retryLater(
                    exchange,
                    request.property,
                    "kafka_timeout",
                    "Kafka did not acknowledge within "
                        + config.responseTimeout().toMillis()
                        + " ms"));
    long sendStart = System.nanoTime();
    sink.send(
        batch,
        failure ->
            context.runOnContext(
                ignored -> {
                  deadline.settle();
                  if (failure != null) {
                    retryLater(
                        exchange,
                        request.property,
                        "kafka_unavailable",
                        "events could not be stored: " + failure.getMessage());
                    return;
                  }
                  metrics.kafkaAcknowledged(sendStart);
                  metrics.accepted(
                      request.property.id(), request.endpoint.source.wireName(), acceptedCount);
                  if (!exchange.isAnswered()) {
                    answerStored(exchange, acceptedCount, items.size(), rejections);
                  }
                }));
  }

  /**
   * The answer once Kafka holds every record: 200 when any event was accepted, else 400; {@code
   * errors} is null when every event was valid.
   */
  private void answerStored(Exchange exchange, int accepted, int total, ArrayNode errors) {
    if (errors == null) {
      exchange.json(200, allStoredAnswer(accepted));
      return;
    }
    ObjectNode answer =
        Exchange.JSON
            .createObjectNode()
            .put("accepted", accepted)
            .put("rejected", total - accepted);
    answer.set("errors", errors);
    if (accepted == 0) {
      answer.put("error", "no_valid_events");
      metrics.rejectedRequest("no_valid_events");
    }
    exchange.json(accepted > 0 ? 200 : 400, answer);
  }

  /** The common answer, on nearly every request's path: rendered once per event count. */
  private byte[] allStoredAnswer(int accepted) {
    byte[] answer = allStoredAnswers.get(accepted);
    if (answer == null) {
      answer =
          ("{\"accepted\":" + accepted + ",\"rejected\":0,\"errors\":[]}")
              .getBytes(StandardCharsets.UTF_8);
      allStoredAnswers.set(accepted, answer);
    }
    return answer;
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

  /** Refuses a whole body that could not be read, and keeps it on the DLQ (best effort). */
  private void refuseBody(Request request, byte[] body, int status, String code, String reason) {
    BeaconSink.Batch batch = new BeaconSink.Batch();
    batch.add(
        new RejectedBeacon(
            new String(body, StandardCharsets.UTF_8),
            reason,
            null,
            null,
            request.property.id(),
            request.receivedAt,
            request.endpoint.source,
            request.client == null ? null : request.client.anonymised(),
            request.userAgent));
    sink.send(batch, failure -> {});
    refuse(request.exchange, request.property, status, code, reason);
  }

  private void refuse(
      Exchange exchange, IngestProperty property, int status, String code, String reason) {
    rejectLog.rejected(code, property == null ? null : property.id(), reason);
    exchange.refuse(status, code, reason);
  }

  private void tooLarge(Exchange exchange, IngestProperty property, String what) {
    refuse(
        exchange,
        property,
        413,
        "body_too_large",
        what + ": at most " + config.maxBodyBytes() + " bytes are allowed (after decompression)");
  }

  private void rateLimited(Exchange exchange, IngestProperty property, String code, String who) {
    exchange.response().putHeader("Retry-After", "1");
    refuse(exchange, property, 429, code, "too many requests from " + who + ": slow down");
  }

  private void retryLater(Exchange exchange, IngestProperty property, String code, String reason) {
    if (exchange.isAnswered()) {
      return;
    }
    exchange.response().putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()));
    refuse(exchange, property, 503, code, reason);
  }

  private ClientNetwork clientNetwork(HttpServerRequest request) {
    if (config.trustForwardedFor()) {
      String forwarded = request.getHeader(FORWARDED_FOR);
      if (forwarded != null) {
        int comma = forwarded.indexOf(',');
        ClientNetwork first =
            clientNetworks.of(comma < 0 ? forwarded : forwarded.substring(0, comma));
        if (first != null) {
          return first;
        }
      }
    }
    return request.remoteAddress() == null
        ? null
        : clientNetworks.of(request.remoteAddress().hostAddress());
  }

  /** The Content-Length, or -1 when absent or not a number (the body is then read to its end). */
  private static long declaredLength(String contentLength) {
    if (contentLength == null) {
      return -1;
    }
    try {
      return Long.parseLong(contentLength.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean acceptsContentType(Endpoint endpoint, String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("text/plain")
        || (endpoint == Endpoint.BEACONS
            ? type.equals("application/json")
            : type.equals("application/cmcd"));
  }
}
