package dev.openqoe.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.openqoe.protocol.SessionDimensions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a session: one object with the field names of the session_fact Avro schema, in
 * its order, nulls written out so every line has every field.
 */
public final class SessionFactsJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private SessionFactsJson() {}

  public static String toJson(SessionFacts session) {
    StringWriter out = new StringWriter(512);
    write(session, out);
    return out.toString();
  }

  /** Writes one session as a JSON object, without a line break. */
  public static void write(SessionFacts s, Writer out) {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("session_id", s.sessionId());
      json.writeNumberField("started_at", s.startedAt());
      json.writeNumberField("ended_at", s.endedAt());
      json.writeStringField("ended_by", s.endedBy().wireName());
      json.writeBooleanField("attempt", s.attempt());
      json.writeStringField(
          "startup_outcome", s.startupOutcome() == null ? null : s.startupOutcome().wireName());
      writeNullable(json, "vst_ms", s.vstMs());
      json.writeNumberField("play_ms", s.playMs());
      json.writeNumberField("rebuffer_ms", s.rebufferMs());
      json.writeNumberField("rebuffer_count", s.rebufferCount());
      writeNullable(json, "rbr", s.rbr());
      json.writeNumberField("ad_ms", s.adMs());
      json.writeNumberField("seek_count", s.seekCount());
      json.writeNumberField("error_count", s.errorCount());
      json.writeNumberField("bitrate_switches", s.bitrateSwitches());
      writeNullable(json, "avg_bitrate_kbps", s.avgBitrateKbps());
      json.writeBooleanField("vpf", s.vpf());
      json.writeBooleanField("vpf_business", s.vpfBusiness());
      writeDimensions(json, s.dimensions());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeDimensions(JsonGenerator json, SessionDimensions d) throws IOException {
    json.writeStringField("viewer_id", d.viewerId());
    json.writeStringField("asset_id", d.assetId());
    json.writeStringField("stream_type", d.streamType() == null ? null : d.streamType().wireName());
    json.writeStringField("player_name", d.playerName());
    json.writeStringField("player_version", d.playerVersion());
    json.writeStringField("device_type", d.deviceType());
    json.writeStringField("os", d.os());
    json.writeStringField("app_version", d.appVersion());
    json.writeStringField("cdn", d.cdn());
    json.writeStringField("drm_system", d.drmSystem());
    json.writeFieldName("custom");
    if (d.custom() == null) {
      json.writeNull();
    } else {
      json.writeStartObject();
      for (Map.Entry<String, String> entry : new TreeMap<>(d.custom()).entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
    }
  }

  private static void writeNullable(JsonGenerator json, String field, Number value)
      throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else {
      json.writeNumber(value.longValue());
    }
  }
}
