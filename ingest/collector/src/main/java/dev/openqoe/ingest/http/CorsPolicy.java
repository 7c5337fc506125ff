package dev.openqoe.ingest.http;

import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.ingest.config.PropertyRegistry;
import io.vertx.core.http.HttpServerRequest;

/**
 * Cross-origin rules: each property lists the browser origins that may send its beacons.
 * navigator.sendBeacon with text/plain needs no preflight; fetch with JSON or X-QoE-Key does.
 */
final class CorsPolicy {

  private static final String ALLOWED_HEADERS =
      "Content-Type, Content-Encoding, X-QoE-Key, CMCD-Request, CMCD-Object, CMCD-Status,"
          + " CMCD-Session";

  private final PropertyRegistry registry;

  CorsPolicy(PropertyRegistry registry) {
    this.registry = registry;
  }

  /**
   * Answers an OPTIONS preflight. A preflight carries no X-QoE-Key header, so the origin is checked
   * against the property of the {@code k} query parameter when given, else against all properties.
   */
  void preflight(Exchange exchange, String allowedMethods) {
    HttpServerRequest request = exchange.request;
    String origin = request.getHeader("Origin");
    if (origin == null) {
      exchange.response().putHeader("Allow", allowedMethods + ", OPTIONS");
      exchange.end(204, null);
      return;
    }
    IngestProperty property = registry.byKey(request.getParam("k"));
    boolean allowed =
        property != null ? property.allowsOrigin(origin) : registry.anyAllowsOrigin(origin);
    if (!allowed) {
      exchange.refuse(
          403,
          "origin_not_allowed",
          "origin " + origin + " may not send beacons to this collector");
      return;
    }
    exchange.allowOrigin(origin);
    exchange
        .response()
        .putHeader("Access-Control-Allow-Methods", allowedMethods + ", OPTIONS")
        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .putHeader("Access-Control-Max-Age", "86400");
    exchange.end(204, null);
  }
}
