package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CountryResponse;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MaxMind's own reader places every simulated client address in its network. */
class GeoIpDatabasesTest {

  @TempDir Path dir;

  @Test
  void mapsEachNetworksAddressesToItsCountryAndAsn() throws Exception {
    Catalog catalog = Catalog.standard();
    GeoIpDatabases.write(catalog, dir);
    SessionPlanner planner = new SessionPlanner(catalog, "geo", 10);
    Random random = new Random(3);

    try (DatabaseReader countries =
            new DatabaseReader.Builder(dir.resolve(GeoIpDatabases.COUNTRY_FILE).toFile()).build();
        DatabaseReader asns =
            new DatabaseReader.Builder(dir.resolve(GeoIpDatabases.ASN_FILE).toFile()).build()) {
      assertThat(countries.getMetadata().getDatabaseType()).isEqualTo("GeoLite2-Country");
      for (int i = 0; i < 500; i++) {
        SessionPlan plan = planner.plan(i, 0, random);
        InetAddress address = InetAddress.getByName(plan.clientAddress());
        assertThat(countries.tryCountry(address).map(CountryResponse::getCountry))
            .hasValueSatisfying(
                c -> assertThat(c.getIsoCode()).isEqualTo(plan.network().country()));
        assertThat(asns.tryAsn(address).map(AsnResponse::getAutonomousSystemNumber))
            .contains(plan.network().asn());
      }
      for (String outside : new String[] {"100.63.255.255", "100.72.0.1", "8.8.8.8", "::1"}) {
        assertThat(countries.tryCountry(InetAddress.getByName(outside))).isEmpty();
        assertThat(asns.tryAsn(InetAddress.getByName(outside))).isEmpty();
      }
    }
  }
}
