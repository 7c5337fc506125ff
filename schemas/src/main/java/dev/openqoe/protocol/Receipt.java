package dev.openqoe.protocol;

import java.util.Objects;

/**
 * What the collector learned when a request arrived; shared by every beacon of that request. The
 * client address is already anonymised, so a Receipt never holds personal data.
 *
 * @param receivedAt collector clock, epoch milliseconds
 * @param clientIp the client's network (IPv4 /24 or IPv6 /48), or null when unknown
 * @param country ISO 3166-1 alpha-2 code, or null without a GeoIP database
 * @param region ISO 3166-2 subdivision code without the country prefix, or null
 * @param asn autonomous system number, or null
 * @param browser browser family from the User-Agent, or null
 * @param os operating system family from the User-Agent, or null
 * @param device device family from the User-Agent, or null
 */
public record Receipt(
    long receivedAt,
    String propertyId,
    IngestSource source,
    String clientIp,
    String country,
    String region,
    Long asn,
    String browser,
    String browserVersion,
    String os,
    String osVersion,
    String device) {

  public Receipt {
    Objects.requireNonNull(propertyId, "propertyId");
    Objects.requireNonNull(source, "source");
  }

  /** A receipt with only the required fields, for code that builds records (tests, tools). */
  public static Receipt of(long receivedAt, String propertyId, IngestSource source) {
    return new Receipt(
        receivedAt, propertyId, source, null, null, null, null, null, null, null, null, null);
  }
}
