package dev.openqoe.simulator;

/**
 * An access network viewers watch from: the collector learns country and ASN only from the client
 * address (GeoIP), so each network owns a block of addresses the simulator sends from.
 *
 * @param block the first two octets of the network's /16, e.g. "100.64"; addresses come from the
 *     shared address space 100.64.0.0/10 (RFC 6598), which no public network announces, so only a
 *     GeoIP database built from {@link Catalog#networks()} places them
 * @param share relative share of sessions from this network
 */
public record Network(String country, long asn, String block, double share) {

  /** The /16 of this network, for a GeoIP database that should map it. */
  public String cidr() {
    return block + ".0.0/16";
  }
}
