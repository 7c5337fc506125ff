package dev.openqoe.protocol;

import dev.openqoe.ops.OpsRejected;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Converts unreadable delivery-chain records to and from the Avro form stored on qoe.ops.dlq. */
public final class OpsRejectedAvro {

  public static final String SUBJECT = "ops_rejected";
  public static final Schema SCHEMA = AvroSchemas.latest(SUBJECT);

  private static final AvroBinary BINARY = new AvroBinary(SUBJECT);

  private OpsRejectedAvro() {}

  public static GenericRecord toRecord(OpsRejected rejected) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    record.put("format", rejected.format());
    record.put("raw", rejected.raw());
    record.put("reason", rejected.reason());
    record.put("received_at", rejected.receivedAt());
    return record;
  }

  public static OpsRejected fromRecord(GenericRecord record) {
    return new OpsRejected(
        record.get("format").toString(),
        record.get("raw").toString(),
        record.get("reason").toString(),
        (Long) record.get("received_at"));
  }

  /** Avro binary encoding, without a schema header. Thread-safe. */
  public static byte[] encode(OpsRejected rejected) {
    return BINARY.encode(toRecord(rejected));
  }

  /** The inverse of {@link #encode}. Thread-safe. */
  public static OpsRejected decode(byte[] bytes) {
    return fromRecord(BINARY.decode(bytes, "rejected delivery-chain record"));
  }
}
