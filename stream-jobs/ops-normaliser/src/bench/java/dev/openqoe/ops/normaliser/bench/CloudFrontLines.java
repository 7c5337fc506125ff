package dev.openqoe.ops.normaliser.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * CloudFront standard log lines as a video distribution writes them: all 33 documented fields,
 * segment requests of players that send CMCD (percent-encoded by the player and once more by
 * CloudFront), 40 edges, mostly cache hits, a few 404s and 503s.
 */
final class CloudFrontLines {

  static final String HEADER =
      "#Version: 1.0\n"
          + "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem"
          + " sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type"
          + " x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for"
          + " ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status"
          + " fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type"
          + " sc-content-type sc-content-len sc-range-start sc-range-end\n";

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String[] CITIES = {"FRA", "LHR", "CDG", "AMS", "IAD", "LAX", "GRU", "NRT"};
  private static final int[] BITRATES = {400, 800, 1200, 2500, 4500};

  private final long start;
  private final long span;
  private final int lines;

  /**
   * @param start when the first request was served
   * @param span how long serving the {@code lines} took, in milliseconds
   */
  CloudFrontLines(long start, long span, int lines) {
    this.start = start;
    this.span = span;
    this.lines = lines;
  }

  /** The {@code i}th request; 50 requests make a session. */
  String line(int i) {
    Instant served = Instant.ofEpochMilli(start + i * span / lines);
    String edge = CITIES[i % CITIES.length] + (50 + i % 5) + "-P" + (1 + i % 2);
    int session = i / 50;
    int bitrate = BITRATES[session % BITRATES.length];
    int status = i % 100 == 7 ? 404 : i % 100 == 42 ? 503 : 200;
    String result =
        status == 503 ? "Error" : i % 10 == 3 ? "Miss" : i % 25 == 1 ? "RefreshHit" : "Hit";
    String cmcd =
        "br%3D"
            + bitrate
            + "%2Cbl%3D"
            + (8000 + i % 4000)
            + "%2Ccid%3D%22asset-"
            + session % 200
            + "%22%2Cd%3D4000%2Cmtp%3D"
            + (9000 + i % 3000)
            + "%2Cot%3Dv%2Csf%3Dd%2Csid%3D%2248f3b0e2-"
            + session
            + "%22%2Cst%3Dv";
    long bytes = status == 200 ? bitrate * 500L + i % 997 : 512;
    return String.join(
        "\t",
        DATE.format(served.atOffset(ZoneOffset.UTC)),
        TIME.format(served.atOffset(ZoneOffset.UTC)),
        edge,
        Long.toString(bytes),
        "198.51." + (i % 200) + "." + (session % 250),
        "GET",
        "d111111abcdef8.cloudfront.net",
        "/v/asset-"
            + session % 200
            + "/"
            + bitrate
            + "k/seg-"
            + String.format(Locale.ROOT, "%05d", i % 50)
            + ".m4s",
        Integer.toString(status),
        "-",
        "Mozilla/5.0%20(SMART-TV;%20Linux;%20Tizen%206.0)%20AppleWebKit/537.36",
        "CMCD=" + cmcd.replace("%", "%25"),
        "-",
        result,
        "Req" + Integer.toHexString(i) + "XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZ==",
        "cdn.example.com",
        "https",
        "412",
        String.format(Locale.ROOT, "%.3f", 0.020 + (i % 180) / 1000.0),
        "-",
        "TLSv1.3",
        "TLS_AES_128_GCM_SHA256",
        result,
        "HTTP/2.0",
        "-",
        "-",
        Integer.toString(40_000 + i % 20_000),
        String.format(Locale.ROOT, "%.3f", 0.004 + (i % 40) / 1000.0),
        status == 503 ? "OriginConnectError" : result,
        "video/iso.segment",
        Long.toString(bytes - 400),
        "-",
        "-");
  }
}
