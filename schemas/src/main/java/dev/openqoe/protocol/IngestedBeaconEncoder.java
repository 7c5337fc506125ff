package dev.openqoe.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes an ingested beacon in ingested_beacon v1's Avro binary form field by field, without the
 * generic record and datum writer: the collector encodes every beacon on its event loop, and the
 * generic path (union resolution by name, boxing) was the largest cost there. Gives the same bytes
 * as the generic writer (IngestedBeaconEncoderTest); a new schema version needs a new writer.
 */
final class IngestedBeaconEncoder {

  // Avro unions here are ["null", T]: branch 0 is null, branch 1 the value.
  private static final int NULL = 0;
  private static final int PRESENT = 1;

  private static final int[] EVENT_TYPE = symbolIndexes(EventType.class, "type");
  private static final int[] ERROR_CATEGORY = symbolIndexes(ErrorCategory.class, "error_category");
  private static final int[] STREAM_TYPE = symbolIndexes(StreamType.class, "stream_type");
  private static final int[] SOURCE = symbolIndexes(IngestSource.class, "source");

  private IngestedBeaconEncoder() {}

  static byte[] encode(IngestedBeacon beacon) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
    try {
      writeEvent(out, beacon.event());
      writeReceipt(out, beacon.receipt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeEvent(BinaryEncoder out, BeaconEvent event) throws IOException {
    out.writeInt(BeaconEvent.PROTOCOL_VERSION);
    out.writeString(event.sessionId());
    out.writeLong(event.seq());
    out.writeEnum(EVENT_TYPE[event.type().ordinal()]);
    out.writeLong(event.ts());
    if (event.bitrateKbps() == null) {
      out.writeIndex(NULL);
    } else {
      out.writeIndex(PRESENT);
      out.writeInt(event.bitrateKbps());
    }
    optionalLong(out, event.playheadMs());
    PlaybackError error = event.error();
    if (error == null) {
      out.writeIndex(NULL);
      out.writeIndex(NULL);
      out.writeIndex(NULL);
    } else {
      optionalString(out, error.code());
      out.writeIndex(PRESENT);
      out.writeBoolean(error.fatal());
      out.writeIndex(PRESENT);
      out.writeEnum(ERROR_CATEGORY[error.category().ordinal()]);
    }
    SessionDimensions dims = event.dimensions();
    optionalString(out, dims.viewerId());
    optionalString(out, dims.assetId());
    if (dims.streamType() == null) {
      out.writeIndex(NULL);
    } else {
      out.writeIndex(PRESENT);
      out.writeEnum(STREAM_TYPE[dims.streamType().ordinal()]);
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
      out.writeIndex(NULL);
    } else {
      out.writeIndex(PRESENT);
      out.writeMapStart();
      out.setItemCount(custom.size());
      for (Map.Entry<String, String> entry : custom.entrySet()) {
        out.startItem();
        out.writeString(entry.getKey());
        out.writeString(entry.getValue());
      }
      out.writeMapEnd();
    }
  }

  private static void writeReceipt(BinaryEncoder out, Receipt receipt) throws IOException {
    out.writeLong(receipt.receivedAt());
    out.writeString(receipt.propertyId());
    out.writeEnum(SOURCE[receipt.source().ordinal()]);
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

  private static void optionalString(BinaryEncoder out, String value) throws IOException {
    if (value == null) {
      out.writeIndex(NULL);
    } else {
      out.writeIndex(PRESENT);
      out.writeString(value);
    }
  }

  private static void optionalLong(BinaryEncoder out, Long value) throws IOException {
    if (value == null) {
      out.writeIndex(NULL);
    } else {
      out.writeIndex(PRESENT);
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
