package dev.openqoe.protocol;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Converts ingested beacons to and from the Avro form stored on qoe.beacons.v1. */
public final class IngestedBeaconAvro {

  public static final String SUBJECT = "ingested_beacon";
  public static final Schema SCHEMA = AvroSchemas.latest(SUBJECT);

  private static final Schema SOURCE = SCHEMA.getField("source").schema();
  private static final AvroBinary BINARY = new AvroBinary(SUBJECT);
  private static final int POS_RECEIVED_AT = SCHEMA.getField("received_at").pos();
  private static final int POS_PROPERTY_ID = SCHEMA.getField("property_id").pos();
  private static final int POS_SOURCE = SCHEMA.getField("source").pos();
  private static final int POS_CLIENT_IP = SCHEMA.getField("client_ip").pos();
  private static final int POS_COUNTRY = SCHEMA.getField("country").pos();
  private static final int POS_REGION = SCHEMA.getField("region").pos();
  private static final int POS_ASN = SCHEMA.getField("asn").pos();
  private static final int POS_UA_BROWSER = SCHEMA.getField("ua_browser").pos();
  private static final int POS_UA_BROWSER_VERSION = SCHEMA.getField("ua_browser_version").pos();
  private static final int POS_UA_OS = SCHEMA.getField("ua_os").pos();
  private static final int POS_UA_OS_VERSION = SCHEMA.getField("ua_os_version").pos();
  private static final int POS_UA_DEVICE = SCHEMA.getField("ua_device").pos();

  private IngestedBeaconAvro() {}

  /** The generic form of the record {@link #encode} writes directly. */
  public static GenericRecord toRecord(IngestedBeacon beacon) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    // The beacon's own fields come first, with their beacon_event names and order.
    BeaconAvro.fill(record, beacon.event());
    Receipt receipt = beacon.receipt();
    record.put(POS_RECEIVED_AT, receipt.receivedAt());
    record.put(POS_PROPERTY_ID, receipt.propertyId());
    record.put(POS_SOURCE, new GenericData.EnumSymbol(SOURCE, receipt.source().wireName()));
    record.put(POS_CLIENT_IP, receipt.clientIp());
    record.put(POS_COUNTRY, receipt.country());
    record.put(POS_REGION, receipt.region());
    record.put(POS_ASN, receipt.asn());
    record.put(POS_UA_BROWSER, receipt.browser());
    record.put(POS_UA_BROWSER_VERSION, receipt.browserVersion());
    record.put(POS_UA_OS, receipt.os());
    record.put(POS_UA_OS_VERSION, receipt.osVersion());
    record.put(POS_UA_DEVICE, receipt.device());
    return record;
  }

  public static IngestedBeacon fromRecord(GenericRecord record) {
    Receipt receipt =
        new Receipt(
            (Long) record.get("received_at"),
            string(record, "property_id"),
            WireEnum.fromWire(IngestSource.class, string(record, "source")),
            string(record, "client_ip"),
            string(record, "country"),
            string(record, "region"),
            (Long) record.get("asn"),
            string(record, "ua_browser"),
            string(record, "ua_browser_version"),
            string(record, "ua_os"),
            string(record, "ua_os_version"),
            string(record, "ua_device"));
    return new IngestedBeacon(BeaconAvro.fromRecord(record), receipt);
  }

  /** Avro binary encoding, without a schema header. Thread-safe. */
  public static byte[] encode(IngestedBeacon beacon) {
    return IngestedBeaconEncoder.encode(beacon);
  }

  /** The inverse of {@link #encode}. Thread-safe. */
  public static IngestedBeacon decode(byte[] bytes) {
    return fromRecord(BINARY.decode(bytes, "ingested beacon"));
  }

  private static String string(GenericRecord record, String field) {
    Object value = record.get(field);
    return value == null ? null : value.toString();
  }
}
