package dev.openqoe.ingest.enrich;

import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A client's address in the three forms the collector uses: in full for the GeoIP lookup only,
 * anonymised for storage, and as the key of its per-client rate limit.
 *
 * @param anonymised the network as stored: IPv4 /24, IPv6 /48
 * @param rateLimitKey IPv4 clients are limited per address, IPv6 clients per /64 (each gets a /64)
 */
public record ClientNetwork(InetAddress address, String anonymised, String rateLimitKey) {

  public static ClientNetwork of(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 16) {
      Arrays.fill(bytes, 8, 16, (byte) 0);
    }
    return new ClientNetwork(
        address, ClientAddresses.anonymise(address), HexFormat.of().formatHex(bytes));
  }
}
