package dev.openqoe.simulator;

import java.util.List;
import java.util.Map;

/**
 * A CDN sessions can be served from.
 *
 * @param share relative share of sessions it serves
 * @param startupFactor multiplies the typical startup time (an edge farther away starts slower)
 * @param rebufferFactor multiplies the typical rebuffer rate
 * @param edges the edge locations (POPs) that serve each country's viewers, as the CDN names them
 *     in its logs
 */
public record Cdn(
    String name,
    double share,
    double startupFactor,
    double rebufferFactor,
    Map<String, List<String>> edges) {

  /** The CDN whose requests are logged as CloudFront standard logs; the others as CDN JSON. */
  public static final String CLOUDFRONT = "cloudfront";

  public Cdn {
    edges = Map.copyOf(edges);
  }

  public boolean isCloudFront() {
    return name.equals(CLOUDFRONT);
  }

  /**
   * The edge a client reaches: one of its country's, the same for every request from the same /24
   * (DNS or anycast route a client's network to one POP, not request by request).
   */
  public String edgeFor(Network network, String clientAddress) {
    List<String> candidates = edges.get(network.country());
    if (candidates == null || candidates.isEmpty()) {
      throw new IllegalStateException("CDN " + name + " has no edge for " + network.country());
    }
    String slash24 = clientAddress.substring(0, clientAddress.lastIndexOf('.'));
    return candidates.get(Math.floorMod(slash24.hashCode(), candidates.size()));
  }
}
