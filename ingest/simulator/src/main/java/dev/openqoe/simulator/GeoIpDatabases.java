package dev.openqoe.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * GeoIP databases that place the simulator's client addresses in their networks' country and ASN,
 * for a collector that should see simulated viewers where the simulator put them: run it with
 * {@code --geoip.database=DIR/simulator-country.mmdb --geoip.asn-database=DIR/simulator-asn.mmdb
 * --trust-forwarded-for=true --trusted-proxies=127.0.0.1,::1}.
 */
public final class GeoIpDatabases {

  public static final String COUNTRY_FILE = "simulator-country.mmdb";
  public static final String ASN_FILE = "simulator-asn.mmdb";

  private GeoIpDatabases() {}

  /** Writes both databases into {@code dir} (created if missing). */
  public static void write(Catalog catalog, Path dir) {
    MaxMindDbWriter countries =
        new MaxMindDbWriter("GeoLite2-Country", "OpenQoE simulator networks: countries");
    MaxMindDbWriter asns = new MaxMindDbWriter("GeoLite2-ASN", "OpenQoE simulator networks: ASNs");
    for (Network network : catalog.networks()) {
      countries.insert(
          network.cidr(),
          Map.of(
              "country",
              Map.of("iso_code", network.country(), "names", Map.of("en", network.country()))));
      asns.insert(
          network.cidr(),
          Map.of(
              "autonomous_system_number",
              network.asn(),
              "autonomous_system_organization",
              "simulated AS" + network.asn()));
    }
    try {
      Files.createDirectories(dir);
      countries.write(dir.resolve(COUNTRY_FILE));
      asns.write(dir.resolve(ASN_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write GeoIP databases to " + dir, e);
    }
  }
}
