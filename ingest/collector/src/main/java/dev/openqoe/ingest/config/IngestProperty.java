package dev.openqoe.ingest.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A site or app whose players send beacons, with its ingest keys and browser origins.
 *
 * @param keys the ingest keys its players send (header X-QoE-Key or query k); public, since they
 *     sit in player pages and apps
 * @param opsKeys the keys its delivery-chain producers send to /v1/ops (CDN log shippers, the
 *     licence proxy, the encoding pipeline): secret, kept on servers. None: it takes no
 *     delivery-chain records, so a copied player key cannot write CDN, DRM or transcode evidence
 * @param allowedOrigins browser origins allowed to send, e.g. https://www.example.com; "*" allows
 *     any origin
 * @param requestsPerSecond the property's request rate limit over all its clients (burst: 2 s)
 */
public record IngestProperty(
    String id,
    List<String> keys,
    List<String> opsKeys,
    Set<String> allowedOrigins,
    double requestsPerSecond) {

  public IngestProperty {
    Objects.requireNonNull(id, "id");
    keys = List.copyOf(keys);
    opsKeys = List.copyOf(opsKeys);
    allowedOrigins = Set.copyOf(allowedOrigins);
    if (id.isBlank() || keys.isEmpty() || keys.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("property '" + id + "' needs an id and ingest keys");
    }
    if (opsKeys.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("property '" + id + "': an ops key is blank");
    }
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException(
          "property '" + id + "': rate_limit_per_second must be positive");
    }
  }

  /** Whether a browser page at {@code origin} may send this property's beacons. */
  public boolean allowsOrigin(String origin) {
    return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
  }
}
