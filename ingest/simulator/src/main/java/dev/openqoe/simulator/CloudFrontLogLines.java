package dev.openqoe.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Requests as CloudFront writes them to a standard log file (W3C extended format): the {@code
 * #Version} and {@code #Fields} header with the 33 fields AWS documents, in its order, then one
 * tab-separated line per request, {@code -} for an empty field.
 */
final class CloudFrontLogLines {

  static final List<String> FIELDS =
      List.of(
          "date",
          "time",
          "x-edge-location",
          "sc-bytes",
          "c-ip",
          "cs-method",
          "cs(Host)",
          "cs-uri-stem",
          "sc-status",
          "cs(Referer)",
          "cs(User-Agent)",
          "cs-uri-query",
          "cs(Cookie)",
          "x-edge-result-type",
          "x-edge-request-id",
          "x-host-header",
          "cs-protocol",
          "cs-bytes",
          "time-taken",
          "x-forwarded-for",
          "ssl-protocol",
          "ssl-cipher",
          "x-edge-response-result-type",
          "cs-protocol-version",
          "fle-status",
          "fle-encrypted-fields",
          "c-port",
          "time-to-first-byte",
          "x-edge-detailed-result-type",
          "sc-content-type",
          "sc-content-len",
          "sc-range-start",
          "sc-range-end");

  static final String HEADER = "#Version: 1.0\n#Fields: " + String.join(" ", FIELDS) + "\n";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Bytes of the response headers CloudFront counts in sc-bytes but not in sc-content-len. */
  private static final long HEADER_BYTES = 380;

  private CloudFrontLogLines() {}

  static String line(MediaRequest r) {
    Instant end = Instant.ofEpochMilli(r.endTs());
    boolean error = r.cacheResult().equals("Error");
    String[] values = {
      DATE.format(end),
      TIME.format(end),
      r.edge(),
      Long.toString(r.bytes()),
      r.clientAddress(),
      "GET",
      DeliveryScript.CLOUDFRONT_DOMAIN,
      r.uri(),
      Integer.toString(r.status()),
      "-",
      encode(r.userAgent()),
      // CloudFront encodes the query once more: the player's %3D is logged as %253D.
      r.query() == null ? "-" : encodeQuery(r.query()),
      "-",
      r.cacheResult(),
      r.requestId(),
      DeliveryScript.HOST,
      "https",
      Long.toString(380 + r.uri().length() + (r.query() == null ? 0 : r.query().length())),
      seconds(r.timeTakenMs()),
      "-",
      "TLSv1.3",
      "TLS_AES_128_GCM_SHA256",
      r.cacheResult(),
      "HTTP/2.0",
      "-",
      "-",
      Integer.toString(r.clientPort()),
      seconds(r.ttfbMs()),
      error ? r.errorDetail() : r.cacheResult(),
      r.contentType(),
      Long.toString(Math.max(0, r.bytes() - HEADER_BYTES)),
      "-",
      "-"
    };
    return String.join("\t", values);
  }

  /** Seconds with three decimals, as CloudFront writes durations. */
  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
  }

  /** CloudFront writes a User-Agent with spaces and other unsafe characters percent-encoded. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c <= ' ' || c == '"' || c == '%' || c >= 127) {
        out.append(String.format("%%%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String encodeQuery(String query) {
    StringBuilder out = new StringBuilder();
    for (String parameter : query.split("&")) {
      int eq = parameter.indexOf('=');
      out.append(out.isEmpty() ? "" : "&")
          .append(parameter, 0, eq + 1)
          .append(URLEncoder.encode(parameter.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
