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

  // Positional access: name lookups cost a hash per field per beacon.
  private static final int POS_V = SCHEMA.getField("v").pos();
  private static final int POS_SESSION_ID = SCHEMA.getField("session_id").pos();
  private static final int POS_SEQ = SCHEMA.getField("seq").pos();
  private static final int POS_TYPE = SCHEMA.getField("type").pos();
  private static final int POS_TS = SCHEMA.getField("ts").pos();
  private static final int POS_BITRATE_KBPS = SCHEMA.getField("bitrate_kbps").pos();
  private static final int POS_PLAYHEAD_MS = SCHEMA.getField("playhead_ms").pos();
  private static final int POS_ERROR_CODE = SCHEMA.getField("error_code").pos();
  private static final int POS_ERROR_FATAL = SCHEMA.getField("error_fatal").pos();
  private static final int POS_ERROR_CATEGORY = SCHEMA.getField("error_category").pos();
  private static final int POS_VIEWER_ID = SCHEMA.getField("viewer_id").pos();
  private static final int POS_ASSET_ID = SCHEMA.getField("asset_id").pos();
  private static final int POS_STREAM_TYPE = SCHEMA.getField("stream_type").pos();
  private static final int POS_PLAYER_NAME = SCHEMA.getField("player_name").pos();
  private static final int POS_PLAYER_VERSION = SCHEMA.getField("player_version").pos();
  private static final int POS_DEVICE_TYPE = SCHEMA.getField("device_type").pos();
  private static final int POS_OS = SCHEMA.getField("os").pos();
  private static final int POS_APP_VERSION = SCHEMA.getField("app_version").pos();
  private static final int POS_CDN = SCHEMA.getField("cdn").pos();
  private static final int POS_DRM_SYSTEM = SCHEMA.getField("drm_system").pos();
  private static final int POS_CUSTOM = SCHEMA.getField("custom").pos();

  private static final Schema EVENT_TYPE = SCHEMA.getField("type").schema();
  private static final Schema CMCD_MODE = nonNull(SCHEMA.getField("cmcd_mode").schema());
  private static final Schema ERROR_CATEGORY = nonNull(SCHEMA.getField("error_category").schema());
  private static final Schema STREAM_TYPE = nonNull(SCHEMA.getField("stream_type").schema());

  private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
  private final GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(SCHEMA);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  public static GenericRecord toRecord(BeaconEvent event) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    fill(record, event);
    return record;
  }

  /**
   * Puts the beacon's fields into {@code record} by position: valid for every schema that begins
   * with beacon_event's fields in their order, as ingested_beacon does.
   */
  static void fill(GenericData.Record record, BeaconEvent event) {
    record.put(POS_V, BeaconEvent.PROTOCOL_VERSION);
    record.put(POS_SESSION_ID, event.sessionId());
    record.put(POS_SEQ, event.seq());
    record.put(POS_TYPE, new GenericData.EnumSymbol(EVENT_TYPE, event.type().wireName()));
    record.put(POS_TS, event.ts());
    record.put(POS_BITRATE_KBPS, event.bitrateKbps());
    record.put(POS_PLAYHEAD_MS, event.playheadMs());
    PlaybackError error = event.error();
    if (error != null) {
      record.put(POS_ERROR_CODE, error.code());
      record.put(POS_ERROR_FATAL, error.fatal());
      record.put(
          POS_ERROR_CATEGORY,
          new GenericData.EnumSymbol(ERROR_CATEGORY, error.category().wireName()));
    }
    SessionDimensions dims = event.dimensions();
    record.put(POS_VIEWER_ID, dims.viewerId());
    record.put(POS_ASSET_ID, dims.assetId());
    if (dims.streamType() != null) {
      record.put(
          POS_STREAM_TYPE, new GenericData.EnumSymbol(STREAM_TYPE, dims.streamType().wireName()));
    }
    record.put(POS_PLAYER_NAME, dims.playerName());
    record.put(POS_PLAYER_VERSION, dims.playerVersion());
    record.put(POS_DEVICE_TYPE, dims.deviceType());
    record.put(POS_OS, dims.os());
    record.put(POS_APP_VERSION, dims.appVersion());
    record.put(POS_CDN, dims.cdn());
    record.put(POS_DRM_SYSTEM, dims.drmSystem());
    record.put(POS_CUSTOM, dims.custom());
    CmcdReport cmcd = event.cmcd();
    if (cmcd != null) {
      // By name: ingested_beacon has these after its receipt fields, not after custom.
      record.put("cmcd_mode", new GenericData.EnumSymbol(CMCD_MODE, cmcd.mode().wireName()));
      record.put("cmcd_sn", cmcd.sn());
      record.put("cmcd_sta", cmcd.state());
      record.put("cmcd_e", cmcd.event());
      record.put("cmcd_report", cmcd.payload());
    }
  }

  public static BeaconEvent fromRecord(GenericRecord record) {
    EventType type = WireEnum.fromWire(EventType.class, string(record, POS_TYPE));
    PlaybackError error = null;
    if (type == EventType.ERROR || (type == EventType.CMCD && record.get(POS_ERROR_CODE) != null)) {
      String category = string(record, POS_ERROR_CATEGORY);
      error =
          new PlaybackError(
              string(record, POS_ERROR_CODE),
              Boolean.TRUE.equals(record.get(POS_ERROR_FATAL)),
              category == null
                  ? ErrorCategory.TECHNICAL
                  : WireEnum.fromWire(ErrorCategory.class, category));
    }
    String streamType = string(record, POS_STREAM_TYPE);
    SessionDimensions dims =
        new SessionDimensions(
            string(record, POS_VIEWER_ID),
            string(record, POS_ASSET_ID),
            streamType == null ? null : WireEnum.fromWire(StreamType.class, streamType),
            string(record, POS_PLAYER_NAME),
            string(record, POS_PLAYER_VERSION),
            string(record, POS_DEVICE_TYPE),
            string(record, POS_OS),
            string(record, POS_APP_VERSION),
            string(record, POS_CDN),
            string(record, POS_DRM_SYSTEM),
            customMap(record.get(POS_CUSTOM)));
    return new BeaconEvent(
        string(record, POS_SESSION_ID),
        (Long) record.get(POS_SEQ),
        type,
        (Long) record.get(POS_TS),
        (Integer) record.get(POS_BITRATE_KBPS),
        (Long) record.get(POS_PLAYHEAD_MS),
        error,
        dims,
        type == EventType.CMCD ? cmcd(record) : null);
  }

  private static CmcdReport cmcd(GenericRecord record) {
    return new CmcdReport(
        WireEnum.fromWire(CmcdReportMode.class, record.get("cmcd_mode").toString()),
        (Long) record.get("cmcd_sn"),
        text(record, "cmcd_sta"),
        text(record, "cmcd_e"),
        text(record, "cmcd_report"));
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

  private static String string(GenericRecord record, int field) {
    Object value = record.get(field);
    return value == null ? null : value.toString();
  }

  private static String text(GenericRecord record, String field) {
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
