package dev.openqoe.protocol;

import java.util.Map;
import org.apache.avro.Schema;

/**
 * Writes an ingested beacon in ingested_beacon v2's Avro binary form field by field, without the
 * generic record and datum writer: the collector encodes every beacon on its event loop, and the
 * generic path (union resolution by name, boxing) was the largest cost there. Gives the same bytes
 * as the generic writer (IngestedBeaconEncoderTest); a new schema version needs a new writer. The
 * events of one request share one receipt, so the last receipt's bytes are kept per thread.
 */
final class IngestedBeaconEncoder {

  // Avro unions here are ["null", T]: branch 0 is null, branch 1 the value.
  private static final int NULL = 0;
  private static final int PRESENT = 1;

  private static final int[] EVENT_TYPE = symbolIndexes(EventType.class, "type");
  private static final int[] ERROR_CATEGORY = symbolIndexes(ErrorCategory.class, "error_category");
  private static final int[] STREAM_TYPE = symbolIndexes(StreamType.class, "stream_type");
  private static final int[] SOURCE = symbolIndexes(IngestSource.class, "source");
  private static final int[] CMCD_MODE = symbolIndexes(CmcdReportMode.class, "cmcd_mode");

  private static final ThreadLocal<EncodedReceipt> LAST_RECEIPT =
      ThreadLocal.withInitial(() -> new EncodedReceipt(null, null));

  private IngestedBeaconEncoder() {}

  /**
   * A receipt and its encoded form; receipts are immutable, so the same one gives the same bytes.
   */
  private record EncodedReceipt(Receipt receipt, byte[] bytes) {}

  static byte[] encode(IngestedBeacon beacon) {
    AvroOutput out = new AvroOutput(256);
    writeEvent(out, beacon.event());
    out.writeRaw(receiptBytes(beacon.receipt()));
    writeCmcd(out, beacon.event().cmcd());
    return out.toByteArray();
  }

  private static void writeCmcd(AvroOutput out, CmcdReport cmcd) {
    if (cmcd == null) {
      for (int field = 0; field < 5; field++) {
        out.writeInt(NULL);
      }
      return;
    }
    out.writeInt(PRESENT);
    out.writeInt(CMCD_MODE[cmcd.mode().ordinal()]);
    out.writeInt(PRESENT);
    out.writeLong(cmcd.sn());
    optionalString(out, cmcd.state());
    optionalString(out, cmcd.event());
    optionalString(out, cmcd.payload());
  }

  private static byte[] receiptBytes(Receipt receipt) {
    EncodedReceipt last = LAST_RECEIPT.get();
    if (last.receipt() != receipt) {
      AvroOutput out = new AvroOutput(64);
      writeReceipt(out, receipt);
      last = new EncodedReceipt(receipt, out.toByteArray());
      LAST_RECEIPT.set(last);
    }
    return last.bytes();
  }

  private static void writeEvent(AvroOutput out, BeaconEvent event) {
    out.writeInt(BeaconEvent.PROTOCOL_VERSION);
    out.writeString(event.sessionId());
    out.writeLong(event.seq());
    out.writeInt(EVENT_TYPE[event.type().ordinal()]);
    out.writeLong(event.ts());
    if (event.bitrateKbps() == null) {
      out.writeInt(NULL);
    } else {
      out.writeInt(PRESENT);
      out.writeInt(event.bitrateKbps());
    }
    optionalLong(out, event.playheadMs());
    PlaybackError error = event.error();
    if (error == null) {
      out.writeInt(NULL);
      out.writeInt(NULL);
      out.writeInt(NULL);
    } else {
      optionalString(out, error.code());
      out.writeInt(PRESENT);
      out.writeBoolean(error.fatal());
      out.writeInt(PRESENT);
      out.writeInt(ERROR_CATEGORY[error.category().ordinal()]);
    }
    SessionDimensions dims = event.dimensions();
    optionalString(out, dims.viewerId());
    optionalString(out, dims.assetId());
    if (dims.streamType() == null) {
      out.writeInt(NULL);
    } else {
      out.writeInt(PRESENT);
      out.writeInt(STREAM_TYPE[dims.streamType().ordinal()]);
    }
    optionalString(out, dims.playerName());
    optionalString(out, dims.playerVersion());
    optionalString(out, dims.deviceType());
    optionalString(out, dims.os());
    optionalString(out, dims.appVersion());
    optionalString(out, dims.cdn());
    optionalString(out, dims.drmSystem());
    Map<String, String> custom = dims.custom();
    if (custom == null) {
      out.writeInt(NULL);
    } else {
      out.writeInt(PRESENT);
      // A map is blocks of (count, entries), ended by an empty block; one block holds them all.
      if (!custom.isEmpty()) {
        out.writeLong(custom.size());
        for (Map.Entry<String, String> entry : custom.entrySet()) {
          out.writeString(entry.getKey());
          out.writeString(entry.getValue());
        }
      }
      out.writeLong(0);
    }
  }

  private static void writeReceipt(AvroOutput out, Receipt receipt) {
    out.writeLong(receipt.receivedAt());
    out.writeString(receipt.propertyId());
    out.writeInt(SOURCE[receipt.source().ordinal()]);
    optionalString(out, receipt.clientIp());
    optionalString(out, receipt.country());
    optionalString(out, receipt.region());
    optionalLong(out, receipt.asn());
    optionalString(out, receipt.browser());
    optionalString(out, receipt.browserVersion());
    optionalString(out, receipt.os());
    optionalString(out, receipt.osVersion());
    optionalString(out, receipt.device());
  }

  private static void optionalString(AvroOutput out, String value) {
    if (value == null) {
      out.writeInt(NULL);
    } else {
      out.writeInt(PRESENT);
      out.writeString(value);
    }
  }

  private static void optionalLong(AvroOutput out, Long value) {
    if (value == null) {
      out.writeInt(NULL);
    } else {
      out.writeInt(PRESENT);
      out.writeLong(value);
    }
  }

  /** Each Java constant's position among the schema's symbols of {@code field}'s enum. */
  private static <E extends Enum<E> & WireEnum> int[] symbolIndexes(Class<E> type, String field) {
    Schema schema = IngestedBeaconAvro.SCHEMA.getField(field).schema();
    if (schema.getType() == Schema.Type.UNION) {
      schema = schema.getTypes().get(PRESENT);
    }
    E[] constants = type.getEnumConstants();
    int[] indexes = new int[constants.length];
    for (E constant : constants) {
      indexes[constant.ordinal()] = schema.getEnumOrdinal(constant.wireName());
    }
    return indexes;
  }
}
