package dev.openqoe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One request to the collector's {@code /v1/beacons} as it reached the tap, and the answer it got:
 * which beacons it carried, how it was sent ({@code Sec-Fetch-Mode} tells a {@code
 * navigator.sendBeacon} with a text body, {@code no-cors}, from a {@code fetch}, {@code cors}) and
 * the status (the collector's, or the tap's own 503 while it refuses).
 *
 * @param arrivedNanos {@link System#nanoTime()} at arrival
 * @param fetchMode the request's Sec-Fetch-Mode header, or null
 * @param contentType the request's Content-Type
 * @param contentEncoding the request's Content-Encoding, or null
 * @param bodyBytes the body's size as sent
 * @param beacons the beacons of the body, in body order (empty when it was not a beacon batch)
 * @param status the answer's status
 * @param refusedByTap whether the tap answered 503 itself instead of forwarding
 */
public record BeaconRequest(
    long arrivedNanos,
    String fetchMode,
    String contentType,
    String contentEncoding,
    int bodyBytes,
    List<SentBeacon> beacons,
    int status,
    boolean refusedByTap) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A beacon of the batch: whose, which, what. */
  public record SentBeacon(String sessionId, long seq, String type) {}

  /** Whether this request came from navigator.sendBeacon (no-cors, text body). */
  public boolean sentByBeaconApi() {
    return "no-cors".equals(fetchMode);
  }

  public boolean carries(String sessionId) {
    return beacons.stream().anyMatch(b -> sessionId.equals(b.sessionId()));
  }

  /**
   * The beacons of a {@code {"events": [...]}} body (gunzipped when {@code contentEncoding} says
   * gzip); none when the body is not one.
   */
  static List<SentBeacon> beaconsOf(byte[] body, String contentEncoding) {
    try {
      byte[] plain = body;
      if (contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip")) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          plain = in.readAllBytes();
        }
      }
      List<SentBeacon> beacons = new ArrayList<>();
      for (JsonNode event : JSON.readTree(plain).path("events")) {
        beacons.add(
            new SentBeacon(
                event.path("session_id").asText(null),
                event.path("seq").asLong(-1),
                event.path("type").asText(null)));
      }
      return List.copyOf(beacons);
    } catch (IOException e) {
      return List.of();
    }
  }
}
