package dev.openqoe.replay;

import dev.openqoe.protocol.AvroSchemas;
import dev.openqoe.protocol.SessionDimensions;
import dev.openqoe.session.SessionFacts;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A session as an Avro record of the session_fact schema (the row of dwd.sessions), field for field
 * what {@link dev.openqoe.session.SessionFactsJson} writes as JSON.
 */
final class SessionFactRecords {

  static final Schema SCHEMA = AvroSchemas.latest(AvroSchemas.SESSION_FACT);

  private static final Schema ENDED_BY = SCHEMA.getField("ended_by").schema();
  private static final Schema STARTUP_OUTCOME =
      nonNull(SCHEMA.getField("startup_outcome").schema());
  private static final Schema STREAM_TYPE = nonNull(SCHEMA.getField("stream_type").schema());

  private SessionFactRecords() {}

  static GenericRecord toRecord(SessionFacts s) {
    GenericData.Record r = new GenericData.Record(SCHEMA);
    r.put("session_id", s.sessionId());
    r.put("started_at", s.startedAt());
    r.put("ended_at", s.endedAt());
    r.put("ended_by", symbol(ENDED_BY, s.endedBy().wireName()));
    r.put("attempt", s.attempt());
    r.put(
        "startup_outcome",
        s.startupOutcome() == null ? null : symbol(STARTUP_OUTCOME, s.startupOutcome().wireName()));
    r.put("vst_ms", s.vstMs());
    r.put("play_ms", s.playMs());
    r.put("rebuffer_ms", s.rebufferMs());
    r.put("rebuffer_count", s.rebufferCount());
    r.put("rbr", s.rbr());
    r.put("ad_ms", s.adMs());
    r.put("seek_count", s.seekCount());
    r.put("error_count", s.errorCount());
    r.put("bitrate_switches", s.bitrateSwitches());
    r.put("avg_bitrate_kbps", s.avgBitrateKbps());
    r.put("vpf", s.vpf());
    r.put("vpf_business", s.vpfBusiness());
    SessionDimensions d = s.dimensions();
    r.put("viewer_id", d.viewerId());
    r.put("asset_id", d.assetId());
    r.put(
        "stream_type",
        d.streamType() == null ? null : symbol(STREAM_TYPE, d.streamType().wireName()));
    r.put("player_name", d.playerName());
    r.put("player_version", d.playerVersion());
    r.put("device_type", d.deviceType());
    r.put("os", d.os());
    r.put("app_version", d.appVersion());
    r.put("cdn", d.cdn());
    r.put("drm_system", d.drmSystem());
    Map<String, String> custom = d.custom();
    r.put("custom", custom == null ? null : new TreeMap<>(custom));
    return r;
  }

  private static GenericData.EnumSymbol symbol(Schema enumSchema, String name) {
    return new GenericData.EnumSymbol(enumSchema, name);
  }

  /** The non-null branch of an optional field's union. */
  private static Schema nonNull(Schema union) {
    return union.getTypes().stream()
        .filter(t -> t.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }
}
