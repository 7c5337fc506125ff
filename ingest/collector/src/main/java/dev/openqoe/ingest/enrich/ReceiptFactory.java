package dev.openqoe.ingest.enrich;

import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.Receipt;
import java.time.Clock;

/** Builds the {@link Receipt} of a request: receive time, property, network, location, software. */
public final class ReceiptFactory {

  private final Clock clock;
  private final GeoIpLookup geoIp;
  private final UserAgentClassifier userAgents;

  public ReceiptFactory(Clock clock, GeoIpLookup geoIp, UserAgentClassifier userAgents) {
    this.clock = clock;
    this.geoIp = geoIp;
    this.userAgents = userAgents;
  }

  public long now() {
    return clock.millis();
  }

  /**
   * @param client the client's network, or null; its full address is used for the lookup and then
   *     only its anonymised form is kept
   */
  public Receipt receipt(
      long receivedAt,
      IngestProperty property,
      IngestSource source,
      ClientNetwork client,
      String userAgent) {
    GeoLocation location = geoIp.locate(client == null ? null : client.address());
    ClientSoftware software = userAgents.classify(userAgent);
    return new Receipt(
        receivedAt,
        property.id(),
        source,
        client == null ? null : client.anonymised(),
        location.country(),
        location.region(),
        location.asn(),
        software.browser(),
        software.browserVersion(),
        software.os(),
        software.osVersion(),
        software.device());
  }
}
