package dev.openqoe.ingest.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.protocol.ClientAddresses;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Uses the GeoIP2-format test databases written by src/test/geoip/make-test-mmdb.pl. */
class GeoIpLookupTest {

  private static final Path CITY = Path.of("src/test/resources/geoip/test-city.mmdb");
  private static final Path ASN = Path.of("src/test/resources/geoip/test-asn.mmdb");

  @Test
  void findsCountryRegionAndAsnOfAnIpv4Client() throws Exception {
    try (GeoIpLookup geo = GeoIpLookup.open(CITY, ASN)) {
      assertThat(geo.locate(ClientAddresses.parse("203.0.113.77")))
          .isEqualTo(new GeoLocation("DE", "BE", 64496L));
    }
  }

  @Test
  void findsAnIpv6ClientAndLeavesUnknownPartsNull() throws Exception {
    try (GeoIpLookup geo = GeoIpLookup.open(CITY, ASN)) {
      assertThat(geo.locate(ClientAddresses.parse("2001:db8:1::42")))
          .isEqualTo(new GeoLocation("FR", "IDF", null));
      assertThat(geo.locate(ClientAddresses.parse("192.0.2.1"))).isEqualTo(GeoLocation.UNKNOWN);
    }
  }

  @Test
  void withoutDatabasesEveryAddressIsUnknown() throws Exception {
    try (GeoIpLookup geo = GeoIpLookup.open(null, null)) {
      assertThat(geo.isEnabled()).isFalse();
      assertThat(geo.locate(ClientAddresses.parse("203.0.113.77"))).isEqualTo(GeoLocation.UNKNOWN);
    }
  }

  @Test
  void aMissingDatabaseFileFailsAtStartupNamingIt() {
    assertThatThrownBy(() -> GeoIpLookup.open(Path.of("no/such.mmdb"), null))
        .hasMessageContaining("no/such.mmdb");
  }
}
