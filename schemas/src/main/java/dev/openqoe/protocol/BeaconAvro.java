package dev.openqoe.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Converts beacons to and from the Avro form used on Kafka and in files. */
public final class BeaconAvro {

  public static final Schema SCHEMA = AvroSchemas.latest(AvroSchemas.BEACON_EVENT);

  private static final Schema EVENT_TYPE = SCHEMA.getField("type").schema();
  private static final Schema ERROR_CATEGORY = nonNull(SCHEMA.getField("error_category").schema());
  private static final Schema STREAM_TYPE = nonNull(SCHEMA.getField("stream_type").schema());

  private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
  private final GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  public static GenericRecord toRecord(BeaconEvent event) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    record.put("v", BeaconEvent.PROTOCOL_VERSION);
    record.put("session_id", event.sessionId());
    record.put("seq", event.seq());
    record.put("type", new GenericData.EnumSymbol(EVENT_TYPE, event.type().wireName()));
    record.put("ts", event.ts());
    record.put("bitrate_kbps", event.bitrateKbps());
    record.put("playhead_ms", event.playheadMs());
    PlaybackError error = event.error();
    if (error != null) {
      record.put("error_code", error.code());
      record.put("error_fatal", error.fatal());
      record.put(
          "error_category",
          new GenericData.EnumSymbol(ERROR_CATEGORY, error.category().wireName()));
    }
    SessionDimensions dims = event.dimensions();
    record.put("viewer_id", dims.viewerId());
    record.put("asset_id", dims.assetId());
    if (dims.streamType() != null) {
      record.put(
          "stream_type", new GenericData.EnumSymbol(STREAM_TYPE, dims.streamType().wireName()));
    }
    record.put("player_name", dims.playerName());
    record.put("player_version", dims.playerVersion());
    record.put("device_type", dims.deviceType());
    record.put("os", dims.os());
    record.put("app_version", dims.appVersion());
    record.put("cdn", dims.cdn());
    record.put("drm_system", dims.drmSystem());
    record.put("custom", dims.custom());
    return record;
  }

  public static BeaconEvent fromRecord(GenericRecord record) {
    EventType type = WireEnum.fromWire(EventType.class, string(record, "type"));
    PlaybackError error = null;
    if (type == EventType.ERROR) {
      String category = string(record, "error_category");
      error =
          new PlaybackError(
              string(record, "error_code"),
              Boolean.TRUE.equals(record.get("error_fatal")),
              category == null
                  ? ErrorCategory.TECHNICAL
                  : WireEnum.fromWire(ErrorCategory.class, category));
    }
    String streamType = string(record, "stream_type");
    SessionDimensions dims =
        new SessionDimensions(
            string(record, "viewer_id"),
            string(record, "asset_id"),
            streamType == null ? null : WireEnum.fromWire(StreamType.class, streamType),
            string(record, "player_name"),
            string(record, "player_version"),
            string(record, "device_type"),
            string(record, "os"),
            string(record, "app_version"),
            string(record, "cdn"),
            string(record, "drm_system"),
            customMap(record.get("custom")));
    return new BeaconEvent(
        string(record, "session_id"),
        (Long) record.get("seq"),
        type,
        (Long) record.get("ts"),
        (Integer) record.get("bitrate_kbps"),
        (Long) record.get("playhead_ms"),
        error,
        dims);
  }

  /** Avro binary encoding of one beacon, without a schema header. */
  public byte[] encode(BeaconEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    try {
      writer.write(toRecord(event), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The inverse of {@link #encode}. */
  public BeaconEvent decode(byte[] bytes) {
    decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
    try {
      return fromRecord(reader.read(null, decoder));
    } catch (IOException e) {
      throw new UncheckedIOException("not an Avro-encoded beacon", e);
    }
  }

  private static String string(GenericRecord record, String field) {
    Object value = record.get(field);
    return value == null ? null : value.toString();
  }

  private static Map<String, String> customMap(Object value) {
    if (value == null) {
      return null;
    }
    Map<String, String> custom = new LinkedHashMap<>();
    ((Map<?, ?>) value).forEach((k, v) -> custom.put(k.toString(), v.toString()));
    return custom;
  }

  private static Schema nonNull(Schema union) {
    return union.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }
}
