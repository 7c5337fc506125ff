package dev.openqoe.delivery;

import dev.openqoe.cmcd.CmcdDictionary;
import dev.openqoe.cmcd.CmcdSyntaxException;
import dev.openqoe.cmcd.CmcdToken;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The CMCD a CDN request carried in its query ({@code CMCD=...}): the direct link from a CDN log
 * line to a player session. Malformed CMCD is no reason to drop a request that was served: it just
 * links to nothing.
 *
 * @param sessionId {@code sid}, or null
 * @param contentId {@code cid}, or null
 * @param objectType {@code ot}, or null
 */
record CmcdOfRequest(String sessionId, String contentId, String objectType) {

  static final CmcdOfRequest NONE = new CmcdOfRequest(null, null, null);

  /** From a query string as a CDN logs it; CloudFront encodes it once more than the player did. */
  static CmcdOfRequest fromQuery(String query) {
    if (query == null) {
      return NONE;
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("CMCD=")) {
        String value = decode(parameter.substring(5));
        if (value.contains("%")) {
          value = decode(value);
        }
        return fromPayload(value);
      }
    }
    return NONE;
  }

  static CmcdOfRequest fromPayload(String payload) {
    Map<String, Object> keys;
    try {
      keys = CmcdDictionary.parse(payload);
    } catch (CmcdSyntaxException e) {
      return NONE;
    }
    return new CmcdOfRequest(
        text(keys.get("sid")), text(keys.get("cid")), CmcdToken.textOf(keys.get("ot")));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isEmpty() ? text : null;
  }
}
