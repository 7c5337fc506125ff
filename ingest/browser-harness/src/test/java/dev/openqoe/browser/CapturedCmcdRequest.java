package dev.openqoe.browser;

import java.util.Map;

/**
 * One CMCD request exactly as it reached the collector, and the collector's answer.
 *
 * @param arrivedNanos {@link System#nanoTime()} at arrival
 * @param method POST (event mode) or GET (request-mode data, mirrored by the test origin)
 * @param query the value of the {@code CMCD} query parameter, percent-decoded, or null
 * @param headers the {@code CMCD-*} headers by their canonical names (CMCD-Request, ...)
 * @param body the event-mode body as sent, or null when there is none
 * @param mediaPath for mirrored request-mode data, the media request's path on the origin
 * @param status the collector's status code
 * @param answer the collector's response body
 */
public record CapturedCmcdRequest(
    long arrivedNanos,
    String method,
    String query,
    Map<String, String> headers,
    String body,
    String mediaPath,
    int status,
    String answer) {

  /** The session id the report names ({@code sid="..."}), or null. */
  public String sessionId() {
    for (String part : new String[] {query, body, headers.get("CMCD-Session")}) {
      if (part == null) {
        continue;
      }
      int at = part.indexOf("sid=\"");
      if (at >= 0) {
        int end = part.indexOf('"', at + 5);
        if (end > at) {
          return part.substring(at + 5, end);
        }
      }
    }
    return null;
  }
}
