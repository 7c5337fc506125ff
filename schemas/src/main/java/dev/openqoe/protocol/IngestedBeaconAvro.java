package dev.openqoe.protocol;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Converts ingested beacons to and from the Avro form stored on qoe.beacons.v1. */
public final class IngestedBeaconAvro {

  public static final String SUBJECT = "ingested_beacon";
  public static final Schema SCHEMA = AvroSchemas.latest(SUBJECT);

  private static final Schema SOURCE = SCHEMA.getField("source").schema();
  private static final AvroBinary BINARY = new AvroBinary(SCHEMA);

  private IngestedBeaconAvro() {}

  public static GenericRecord toRecord(IngestedBeacon beacon) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    // The beacon's own fields keep their beacon_event names, so the protocol codec fills them.
    GenericRecord event = BeaconAvro.toRecord(beacon.event());
    for (Schema.Field field : BeaconAvro.SCHEMA.getFields()) {
      record.put(field.name(), event.get(field.pos()));
    }
    Receipt receipt = beacon.receipt();
    record.put("received_at", receipt.receivedAt());
    record.put("property_id", receipt.propertyId());
    record.put("source", new GenericData.EnumSymbol(SOURCE, receipt.source().wireName()));
    record.put("client_ip", receipt.clientIp());
    record.put("country", receipt.country());
    record.put("region", receipt.region());
    record.put("asn", receipt.asn());
    record.put("ua_browser", receipt.browser());
    record.put("ua_browser_version", receipt.browserVersion());
    record.put("ua_os", receipt.os());
    record.put("ua_os_version", receipt.osVersion());
    record.put("ua_device", receipt.device());
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
    return BINARY.encode(toRecord(beacon));
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
