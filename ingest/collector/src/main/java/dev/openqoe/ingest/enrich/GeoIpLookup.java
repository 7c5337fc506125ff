package dev.openqoe.ingest.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Country, region and ASN of client addresses from MaxMind GeoIP2/GeoLite2 databases. Both
 * databases are optional: without them every address is {@link GeoLocation#UNKNOWN}. Lookups are in
 * memory (the files are memory-mapped), so they run on the event loop.
 */
public final class GeoIpLookup implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(GeoIpLookup.class);

  private final DatabaseReader location;
  private final boolean hasCities;
  private final DatabaseReader asn;

  private GeoIpLookup(DatabaseReader location, DatabaseReader asn) {
    this.location = location;
    this.hasCities = location != null && location.getMetadata().getDatabaseType().contains("City");
    this.asn = asn;
  }

  /**
   * Opens the configured databases.
   *
   * @param locationDb a City or Country database, or null
   * @param asnDb an ASN database, or null
   */
  public static GeoIpLookup open(Path locationDb, Path asnDb) {
    return new GeoIpLookup(reader(locationDb), reader(asnDb));
  }

  public boolean isEnabled() {
    return location != null || asn != null;
  }

  public GeoLocation locate(InetAddress address) {
    if (address == null || !isEnabled()) {
      return GeoLocation.UNKNOWN;
    }
    String country = null;
    String region = null;
    Long asNumber = null;
    try {
      if (hasCities) {
        Optional<CityResponse> city = location.tryCity(address);
        if (city.isPresent()) {
          country = city.get().getCountry().getIsoCode();
          region = city.get().getMostSpecificSubdivision().getIsoCode();
        }
      } else if (location != null) {
        country =
            location
                .tryCountry(address)
                .map(CountryResponse::getCountry)
                .map(c -> c.getIsoCode())
                .orElse(null);
      }
      if (asn != null) {
        asNumber = asn.tryAsn(address).map(AsnResponse::getAutonomousSystemNumber).orElse(null);
      }
    } catch (IOException | GeoIp2Exception e) {
      // A corrupt record must not cost the beacon: store it without location.
      LOG.warn("GeoIP lookup failed: {}", e.toString());
    }
    return new GeoLocation(country, region, asNumber);
  }

  @Override
  public void close() throws IOException {
    if (location != null) {
      location.close();
    }
    if (asn != null) {
      asn.close();
    }
  }

  private static DatabaseReader reader(Path file) {
    if (file == null) {
      return null;
    }
    try {
      DatabaseReader reader =
          new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache()).build();
      LOG.info(
          "GeoIP database {} ({}, built {})",
          file,
          reader.getMetadata().getDatabaseType(),
          reader.getMetadata().getBuildDate());
      return reader;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open GeoIP database " + file + ": " + e, e);
    }
  }
}
