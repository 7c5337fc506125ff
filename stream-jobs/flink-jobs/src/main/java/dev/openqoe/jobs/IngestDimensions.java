package dev.openqoe.jobs;

import dev.openqoe.protocol.BeaconBinary;
import dev.openqoe.protocol.Receipt;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What the collector learned about a session's viewer (property, place, network, browser): the
 * latest non-null value of each, like the player-sent dimensions.
 */
record IngestDimensions(
    String propertyId,
    String country,
    String region,
    Long asn,
    String browser,
    String os,
    String device) {

  static final IngestDimensions NONE =
      new IngestDimensions(null, null, null, null, null, null, null);

  IngestDimensions overlay(Receipt r) {
    return new IngestDimensions(
        latest(propertyId, r.propertyId()),
        latest(country, r.country()),
        latest(region, r.region()),
        latest(asn, r.asn()),
        latest(browser, r.browser()),
        latest(os, r.os()),
        latest(device, r.device()));
  }

  void writeTo(DataOutput out) throws IOException {
    BeaconBinary.writeText(propertyId, out);
    BeaconBinary.writeText(country, out);
    BeaconBinary.writeText(region, out);
    out.writeLong(asn == null ? -1 : asn);
    BeaconBinary.writeText(browser, out);
    BeaconBinary.writeText(os, out);
    BeaconBinary.writeText(device, out);
  }

  static IngestDimensions readFrom(DataInput in) throws IOException {
    String propertyId = BeaconBinary.readText(in);
    String country = BeaconBinary.readText(in);
    String region = BeaconBinary.readText(in);
    long asn = in.readLong();
    return new IngestDimensions(
        propertyId,
        country,
        region,
        asn < 0 ? null : asn,
        BeaconBinary.readText(in),
        BeaconBinary.readText(in),
        BeaconBinary.readText(in));
  }

  private static <T> T latest(T current, T newer) {
    return newer != null ? newer : current;
  }
}
