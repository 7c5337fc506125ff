package dev.openqoe.protocol;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Converts rejected input to and from the Avro form stored on qoe.beacons.dlq. */
public final class RejectedBeaconAvro {

  public static final String SUBJECT = "rejected_beacon";
  public static final Schema SCHEMA = AvroSchemas.latest(SUBJECT);

  private static final Schema SOURCE = SCHEMA.getField("source").schema();
  private static final AvroBinary BINARY = new AvroBinary(SUBJECT);

  private RejectedBeaconAvro() {}

  public static GenericRecord toRecord(RejectedBeacon rejected) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    record.put("payload", rejected.payload());
    record.put("reason", rejected.reason());
    record.put("field", rejected.field());
    record.put("batch_index", rejected.batchIndex());
    record.put("property_id", rejected.propertyId());
    record.put("received_at", rejected.receivedAt());
    record.put("source", new GenericData.EnumSymbol(SOURCE, rejected.source().wireName()));
    record.put("client_ip", rejected.clientIp());
    record.put("user_agent", rejected.userAgent());
    return record;
  }

  public static RejectedBeacon fromRecord(GenericRecord record) {
    return new RejectedBeacon(
        string(record, "payload"),
        string(record, "reason"),
        string(record, "field"),
        (Integer) record.get("batch_index"),
        string(record, "property_id"),
        (Long) record.get("received_at"),
        WireEnum.fromWire(IngestSource.class, string(record, "source")),
        string(record, "client_ip"),
        string(record, "user_agent"));
  }

  /** Avro binary encoding, without a schema header. Thread-safe. */
  public static byte[] encode(RejectedBeacon rejected) {
    return BINARY.encode(toRecord(rejected));
  }

  /** The inverse of {@link #encode}. Thread-safe. */
  public static RejectedBeacon decode(byte[] bytes) {
    return fromRecord(BINARY.decode(bytes, "rejected beacon"));
  }

  private static String string(GenericRecord record, String field) {
    Object value = record.get(field);
    return value == null ? null : value.toString();
  }
}
