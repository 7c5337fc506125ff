package dev.openqoe.ingest.enrich;

import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks of the operator's own proxies and load balancers, written as CIDR blocks ({@code
 * 10.0.0.0/8}, {@code fc00::/7}) or single addresses: only an X-Forwarded-For entry a proxy in them
 * added can be believed, since a client writes whatever it likes into the header.
 */
public final class TrustedProxies {

  public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

  private final List<Block> blocks;
  private final String text;

  private TrustedProxies(List<Block> blocks, String text) {
    this.blocks = blocks;
    this.text = text;
  }

  /**
   * Reads a comma-separated list of CIDR blocks or addresses; empty text trusts none.
   *
   * @throws IllegalArgumentException naming the entry that is neither
   */
  public static TrustedProxies parse(String text) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        blocks.add(Block.parse(trimmed));
      }
    }
    return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks), text.trim());
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** Whether {@code address} belongs to one of the trusted networks. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }

  /** One network: its first address and the number of leading bits that name it. */
  private record Block(byte[] network, int prefixBits) {

    static Block parse(String entry) {
      int slash = entry.indexOf('/');
      InetAddress address = ClientAddresses.parse(slash < 0 ? entry : entry.substring(0, slash));
      if (address == null) {
        throw invalid(entry);
      }
      byte[] bytes = address.getAddress();
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
          throw invalid(entry);
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw invalid(entry);
        }
      }
      return new Block(bytes, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefixBits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefixBits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest);
      return (address[whole] & mask) == (network[whole] & mask);
    }

    private static IllegalArgumentException invalid(String entry) {
      return new IllegalArgumentException(
          "'" + entry + "' is not an IP address or a CIDR block such as 10.0.0.0/8 or fc00::/7");
    }
  }
}
