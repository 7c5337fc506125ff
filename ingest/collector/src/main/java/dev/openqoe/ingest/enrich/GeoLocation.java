package dev.openqoe.ingest.enrich;

/** Where a client address is, as far as the GeoIP databases know; every part may be null. */
public record GeoLocation(String country, String region, Long asn) {
  public static final GeoLocation UNKNOWN = new GeoLocation(null, null, null);
}
