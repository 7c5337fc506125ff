package dev.openqoe.ingest.enrich;

import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client networks by the address text they were read from. A keep-alive connection sends many
 * requests from one address, and parsing, anonymising and keying the address cost more than looking
 * it up here (the connection's address text is one string, so its hash is computed once). Dropped
 * whole when full, which bounds memory when a client rotates addresses.
 */
public final class ClientNetworks {

  private static final int LIMIT = 10_000;

  private final Map<String, ClientNetwork> networks = new ConcurrentHashMap<>();

  /** The network of an IP address literal, or null when it is not one. */
  public ClientNetwork of(String literal) {
    if (literal == null) {
      return null;
    }
    ClientNetwork known = networks.get(literal);
    if (known != null) {
      return known;
    }
    InetAddress address = ClientAddresses.parse(literal);
    if (address == null) {
      return null;
    }
    ClientNetwork network = ClientNetwork.of(address);
    if (networks.size() >= LIMIT) {
      networks.clear();
    }
    networks.put(literal, network);
    return network;
  }
}
