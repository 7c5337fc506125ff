package dev.openqoe.ingest.enrich;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Classifies User-Agent headers with uap-java (the ua-parser project's maintained regexes). Parsing
 * costs tens of microseconds, and a video service sees few distinct User-Agents, so results are
 * cached; the cache is dropped whole when full, which bounds memory against forged headers.
 */
public final class UserAgentClassifier {

  static final int MAX_HEADER_LENGTH = 512;
  private static final int CACHE_LIMIT = 10_000;

  private final Parser parser = new Parser();
  private final Map<String, ClientSoftware> cache = new ConcurrentHashMap<>();

  public ClientSoftware classify(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return ClientSoftware.UNKNOWN;
    }
    String header =
        userAgent.length() > MAX_HEADER_LENGTH
            ? userAgent.substring(0, MAX_HEADER_LENGTH)
            : userAgent;
    ClientSoftware cached = cache.get(header);
    if (cached != null) {
      return cached;
    }
    ClientSoftware parsed = parse(header);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(header, parsed);
    return parsed;
  }

  private ClientSoftware parse(String header) {
    Client client = parser.parse(header);
    return new ClientSoftware(
        known(client.userAgent.family),
        version(client.userAgent.major, client.userAgent.minor),
        known(client.os.family),
        version(client.os.major, client.os.minor),
        known(client.device.family));
  }

  /** uap-java says "Other" when it does not know: stored as null, like every unknown. */
  private static String known(String family) {
    return family == null || family.equals("Other") ? null : family;
  }

  private static String version(String major, String minor) {
    if (major == null) {
      return null;
    }
    return minor == null ? major : major + "." + minor;
  }
}
