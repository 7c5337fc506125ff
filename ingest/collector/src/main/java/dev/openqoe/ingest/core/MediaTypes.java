package dev.openqoe.ingest.core;

import java.util.List;
import java.util.Locale;

/**
 * The Content-Types each endpoint takes. A request without one is accepted: what it holds is
 * checked anyway. text/plain is accepted everywhere, since navigator.sendBeacon sends strings with
 * it (without a CORS preflight) and log shippers often label files with it.
 */
final class MediaTypes {

  /**
   * Delivery-chain bodies are stored as received whatever their type says (the normaliser reads
   * them by their feed), so every type a log shipper, an HTTP client or a JSON producer labels such
   * a body with is accepted; application/x-www-form-urlencoded, curl's default, is not: a form is
   * not a delivery-chain record.
   */
  private static final List<String> OPS =
      List.of("text/plain", "application/json", "application/x-ndjson", "application/octet-stream");

  private MediaTypes() {}

  static boolean accepts(Endpoint endpoint, String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (endpoint) {
      case BEACONS -> type.equals("text/plain") || type.equals("application/json");
      case CMCD -> type.equals("text/plain") || type.equals("application/cmcd");
      case OPS -> OPS.contains(type);
    };
  }

  /** The accepted types, as the 415 answer lists them. */
  static String accepted(Endpoint endpoint) {
    return switch (endpoint) {
      case BEACONS -> "application/json or text/plain";
      case CMCD -> "application/cmcd or text/plain";
      case OPS -> String.join(", ", OPS) + ", or none";
    };
  }
}
