package dev.openqoe.ingest.enrich;

/**
 * Finds the client of a request that may have passed the operator's proxies. X-Forwarded-For lists
 * the addresses a request passed, each proxy appending the address it received the request from;
 * only the entries the operator's own proxies appended can be believed, since the client writes the
 * others. So the header counts only when the connection comes from a trusted proxy, and then the
 * client is its right-most entry that is not a trusted proxy: the address the first trusted proxy
 * saw. Anything to its left is what the client claimed.
 */
public final class ForwardedClients {

  private final ClientNetworks networks;
  private final TrustedProxies proxies;

  /**
   * @param proxies the trusted proxies; none means X-Forwarded-For is never read
   */
  public ForwardedClients(ClientNetworks networks, TrustedProxies proxies) {
    this.networks = networks;
    this.proxies = proxies;
  }

  /**
   * The client's network, or null when the connection's address is unknown.
   *
   * @param peer the address of the connection, an IP literal
   * @param forwardedFor the X-Forwarded-For entries, comma-separated (several header lines joined
   *     in order), or null
   */
  public ClientNetwork client(String peer, String forwardedFor) {
    ClientNetwork hop = networks.of(peer);
    if (hop == null || forwardedFor == null || proxies.isEmpty()) {
      return hop;
    }
    int end = forwardedFor.length();
    while (proxies.contains(hop.address()) && end > 0) {
      int comma = forwardedFor.lastIndexOf(',', end - 1);
      String entry = forwardedFor.substring(comma + 1, end).trim();
      end = Math.max(comma, 0);
      if (entry.isEmpty()) {
        continue;
      }
      ClientNetwork previous = networks.of(entry);
      if (previous == null) {
        // A trusted proxy wrote something that is not an address ("unknown", a port, garbage):
        // the client cannot be told, so it counts as the proxy that saw it.
        return hop;
      }
      hop = previous;
    }
    return hop;
  }
}
