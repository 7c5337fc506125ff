package dev.openqoe.ingest.core;

import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.ingest.config.PropertyRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin rules: each property lists the browser origins that may send its beacons.
 * navigator.sendBeacon with text/plain needs no preflight; fetch with JSON or X-QoE-Key does.
 */
final class CorsPolicy {

  private static final String ALLOWED_HEADERS =
      "Content-Type, Content-Encoding, X-QoE-Key, CMCD-Request, CMCD-Object, CMCD-Status,"
          + " CMCD-Session";

  private final PropertyRegistry registry;
  private final CollectorMetrics metrics;
  private final Map<Endpoint, IngestAnswer> withoutOrigin = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, List<AnswerHeader>> allowedHeaders = new EnumMap<>(Endpoint.class);

  CorsPolicy(PropertyRegistry registry, CollectorMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
    for (Endpoint endpoint : Endpoint.values()) {
      withoutOrigin.put(
          endpoint,
          new IngestAnswer(
              204, List.of(new AnswerHeader("Allow", endpoint.allowedMethods())), null, null));
      allowedHeaders.put(
          endpoint,
          List.of(
              new AnswerHeader("Access-Control-Allow-Methods", endpoint.allowedMethods()),
              new AnswerHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS),
              new AnswerHeader("Access-Control-Max-Age", "86400")));
    }
  }

  /**
   * The answer to an OPTIONS preflight. A preflight carries no X-QoE-Key header, so the origin is
   * checked against the property of the {@code k} query parameter when given, else against all
   * properties.
   */
  IngestAnswer preflight(Endpoint endpoint, IngestExchange exchange) {
    String origin = exchange.header(RequestHeader.ORIGIN);
    if (origin == null) {
      return withoutOrigin.get(endpoint);
    }
    IngestProperty property = registry.byKey(exchange.queryParameter("k"));
    boolean allowed =
        property != null ? property.allowsOrigin(origin) : registry.anyAllowsOrigin(origin);
    if (!allowed) {
      metrics.rejectedRequest("origin_not_allowed");
      return IngestAnswer.refusal(
          403,
          "origin_not_allowed",
          "origin " + origin + " may not send beacons to this collector");
    }
    return new IngestAnswer(204, allowedHeaders.get(endpoint), null, origin);
  }
}
