package dev.openqoe.ingest.config;

import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;

/**
 * Refuses to serve the development key beyond this machine: {@code dev-key} is in every checkout,
 * so a collector reachable from a network that accepts it accepts anyone's beacons and delivery-
 * chain records. Allowed only with {@code allow-dev-key-on-network=true}.
 */
public final class NetworkExposure {

  private NetworkExposure() {}

  /**
   * @throws IllegalArgumentException saying what to do, when the development key is accepted on an
   *     address other machines can reach and that is not explicitly allowed
   */
  public static void check(CollectorConfig config, PropertyRegistry properties) {
    String devKey = PropertyRegistry.DEV_PROPERTY.keys().get(0);
    if (config.allowDevKeyOnNetwork() || isLoopback(config.host()) || !properties.accepts(devKey)) {
      return;
    }
    throw new IllegalArgumentException(
        "the development key "
            + devKey
            + " is accepted and host "
            + config.host()
            + " is reachable from other machines: configure your properties and keys"
            + " (properties-file), bind 127.0.0.1, or set allow-dev-key-on-network=true"
            + " if this is really meant");
  }

  /** Whether only this machine can reach {@code host}: a loopback address or localhost. */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    InetAddress address = ClientAddresses.parse(host);
    return address != null && address.isLoopbackAddress();
  }
}
