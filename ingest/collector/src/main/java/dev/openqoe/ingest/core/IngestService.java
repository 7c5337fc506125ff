package dev.openqoe.ingest.core;

import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.ingest.config.PropertyRegistry;
import dev.openqoe.ingest.enrich.ClientNetwork;
import dev.openqoe.ingest.enrich.ClientNetworks;
import dev.openqoe.ingest.enrich.ForwardedClients;
import dev.openqoe.ingest.enrich.ReceiptFactory;
import dev.openqoe.protocol.BeaconParser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The collector's core, free of any transport: judges a request's head (feed, method, shutdown,
 * ingest key, origin, rate limits, encoding, media type, declared length) and admits its body,
 * which an {@link AdmittedRequest} reads, validates, enriches and stores in the {@link RecordSink}.
 * Every answer is data, an {@link IngestAnswer} handed to the request's {@link IngestExchange}.
 * Runs on the transport's request threads and never blocks them.
 */
public final class IngestService {

  private final PropertyRegistry properties;
  private final CorsPolicy cors;
  private final BooleanSupplier draining;
  private final StorageRoom room;
  private final RateLimiter propertyLimits = new RateLimiter();
  private final RateLimiter clientLimits = new RateLimiter();
  private final RateLimiter unknownKeyLimits = new RateLimiter();
  private final ForwardedClients clients;
  private final Set<String> opsFeeds;
  // What admitted requests share, read by AdmittedRequest and Delivery.
  final CollectorConfig config;
  final BeaconBodyReader beaconReader;
  final CmcdRequestReader cmcdReader;
  final ReceiptFactory receipts;
  final RecordSink sink;
  final AnswerDeadlines deadlines;
  final CollectorMetrics metrics;
  final Refusals refusals;
  final StoredAnswers storedAnswers;

  /**
   * @param opsFeeds the names of the delivery-chain feeds {@code /v1/ops/<feed>} accepts
   * @param draining true once the collector is shutting down: new requests are refused then
   * @param room whether the broker's disk has room: new requests are refused while it has not
   * @param deadlines give up on requests the sink does not acknowledge within the response timeout
   */
  public IngestService(
      CollectorConfig config,
      PropertyRegistry properties,
      List<String> opsFeeds,
      BeaconParser parser,
      ReceiptFactory receipts,
      RecordSink sink,
      CollectorMetrics metrics,
      BooleanSupplier draining,
      StorageRoom room,
      AnswerDeadlines deadlines) {
    this.config = config;
    this.properties = properties;
    this.opsFeeds = new LinkedHashSet<>(opsFeeds);
    this.clients = new ForwardedClients(new ClientNetworks(), config.trustedProxies());
    this.cors = new CorsPolicy(properties, metrics);
    this.draining = draining;
    this.room = room;
    this.beaconReader = new BeaconBodyReader(parser);
    this.cmcdReader = new CmcdRequestReader(parser, config.maxEventsPerBatch());
    this.receipts = receipts;
    this.sink = sink;
    this.deadlines = deadlines;
    this.metrics = metrics;
    this.refusals =
        new Refusals(
            metrics, config.maxBodyBytes(), config.maxOpsBodyBytes(), config.retryAfterSeconds());
    this.storedAnswers = new StoredAnswers(config.maxEventsPerBatch(), metrics);
  }

  /**
   * Judges the head of a request to {@code endpoint}: answers it when it is refused or a preflight,
   * and returns null; else returns the request admitted, whose body the transport reads next.
   */
  public AdmittedRequest admit(Endpoint endpoint, IngestExchange exchange) {
    return admit(endpoint, null, exchange);
  }

  /**
   * Judges the head of a request to the delivery-chain feed {@code feed} ({@code /v1/ops/<feed>}),
   * like {@link #admit(Endpoint, IngestExchange)}: an unknown feed is answered 404 with the list of
   * feeds.
   */
  public AdmittedRequest admitOps(String feed, IngestExchange exchange) {
    if (!opsFeeds.contains(feed)) {
      return refuse(
          exchange,
          null,
          refusals.refusal(
              null,
              404,
              "unknown_feed",
              "no delivery-chain feed '"
                  + feed
                  + "': POST to /v1/ops/<feed>, where <feed> is one of "
                  + String.join(", ", opsFeeds)));
    }
    return admit(Endpoint.OPS, feed, exchange);
  }

  /**
   * @param feed the delivery-chain feed of an {@link Endpoint#OPS} request, else null
   */
  private AdmittedRequest admit(Endpoint endpoint, String feed, IngestExchange exchange) {
    String method = exchange.method();
    if (method.equals("OPTIONS") && endpoint.servesBrowsers()) {
      exchange.answer(cors.preflight(endpoint, exchange));
      return null;
    }
    if (!endpoint.ingests(method)) {
      return refuse(
          exchange,
          null,
          refusals.refusal(
              null,
              405,
              "method_not_allowed",
              method + " is not supported here",
              List.of(new AnswerHeader("Allow", endpoint.allowedMethods()))));
    }
    if (draining.getAsBoolean()) {
      return refuse(
          exchange,
          null,
          refusals.retryLater(null, "shutting_down", "the collector is shutting down"));
    }
    String shortage = room.shortage();
    if (shortage != null) {
      return refuse(exchange, null, refusals.retryLater(null, "disk_full", shortage));
    }
    ClientNetwork client = clientNetwork(exchange);
    // Checked before the key, so that an address over its limit learns nothing of the key it sent.
    if (client != null
        && !unknownKeyLimits.hasToken(client.rateLimitKey(), config.unknownKeysPerIpPerSecond())) {
      return refuse(
          exchange,
          null,
          refusals.rateLimited(null, "rate_limited_unknown_key", "your address with unknown keys"));
    }
    String key = exchange.header(RequestHeader.KEY);
    if (endpoint == Endpoint.OPS) {
      // Header only: a secret in the query string ends up in access logs.
      IngestProperty property = properties.byOpsKey(key);
      if (property == null) {
        chargeUnknownKey(client);
        return refuse(
            exchange,
            null,
            refusals.refusal(
                null,
                401,
                "unknown_ops_key",
                "send one of your property's ops_keys in the X-QoE-Key header (player ingest keys"
                    + " are public and cannot write delivery-chain records)"));
      }
      return admitKnown(endpoint, feed, exchange, property, client);
    }
    IngestProperty property = properties.byKey(key != null ? key : exchange.queryParameter("k"));
    if (property == null) {
      chargeUnknownKey(client);
      return refuse(
          exchange,
          null,
          refusals.refusal(
              null,
              401,
              "unknown_ingest_key",
              "send your property's ingest key in the X-QoE-Key header or the k query parameter"));
    }
    return admitKnown(endpoint, feed, exchange, property, client);
  }

  private void chargeUnknownKey(ClientNetwork client) {
    if (client != null) {
      unknownKeyLimits.tryAcquire(client.rateLimitKey(), config.unknownKeysPerIpPerSecond());
    }
  }

  /** Judges the rest of the head of a request whose key named {@code property}. */
  private AdmittedRequest admitKnown(
      Endpoint endpoint,
      String feed,
      IngestExchange exchange,
      IngestProperty property,
      ClientNetwork client) {
    String origin = exchange.header(RequestHeader.ORIGIN);
    if (origin != null && !property.allowsOrigin(origin)) {
      return refuse(
          exchange,
          null,
          refusals.refusal(
              property,
              403,
              "origin_not_allowed",
              "origin " + origin + " is not allowed for property " + property.id()));
    }
    // From here on the origin is allowed: every answer of an endpoint for browsers lets the page
    // read it; the answers of the others carry no CORS headers.
    String readableBy = endpoint.servesBrowsers() ? origin : null;
    // The client's own limit first: a request it refuses must not spend the property's budget, or
    // one address sending fast would get every other client of the property refused.
    if (client != null
        && !clientLimits.tryAcquire(client.rateLimitKey(), config.perIpRequestsPerSecond())) {
      return refuse(
          exchange,
          readableBy,
          refusals.rateLimited(property, "rate_limited_client", "your address"));
    }
    if (!propertyLimits.tryAcquire(property.id(), property.requestsPerSecond())) {
      return refuse(
          exchange,
          readableBy,
          refusals.rateLimited(property, "rate_limited_property", "property " + property.id()));
    }
    String encoding = exchange.header(RequestHeader.CONTENT_ENCODING);
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
      return refuse(
          exchange,
          readableBy,
          refusals.refusal(
              property,
              415,
              "unsupported_encoding",
              "Content-Encoding " + encoding + " is not supported; send gzip or no encoding"));
    }
    if (exchange.method().equals("POST")
        && !MediaTypes.accepts(endpoint, exchange.header(RequestHeader.CONTENT_TYPE))) {
      return refuse(
          exchange,
          readableBy,
          refusals.refusal(
              property,
              415,
              "unsupported_media_type",
              "send Content-Type " + MediaTypes.accepted(endpoint)));
    }
    long length = declaredLength(exchange.header(RequestHeader.CONTENT_LENGTH));
    if (length > bodyLimit(endpoint)) {
      return refuse(
          exchange,
          readableBy,
          refusals.tooLarge(property, endpoint, "body of " + length + " bytes"));
    }
    return new AdmittedRequest(
        this,
        endpoint,
        feed,
        exchange,
        property,
        readableBy,
        client,
        exchange.header(RequestHeader.USER_AGENT),
        gzip,
        length,
        receipts.now());
  }

  private static AdmittedRequest refuse(
      IngestExchange exchange, String origin, IngestAnswer refusal) {
    exchange.answer(refusal.allowingOrigin(origin));
    return null;
  }

  private ClientNetwork clientNetwork(IngestExchange exchange) {
    String peer = exchange.remoteAddress();
    return config.trustForwardedFor()
        ? clients.client(peer, exchange.header(RequestHeader.FORWARDED_FOR))
        : clients.client(peer, null);
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

  /** The largest body a request to {@code endpoint} may have, after decompression. */
  int bodyLimit(Endpoint endpoint) {
    return endpoint == Endpoint.OPS ? config.maxOpsBodyBytes() : config.maxBodyBytes();
  }
}
