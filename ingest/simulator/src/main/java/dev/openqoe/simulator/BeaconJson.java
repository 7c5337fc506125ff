package dev.openqoe.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.PlaybackError;
import dev.openqoe.protocol.SessionDimensions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Protocol-v1 JSON of beacons, as a player SDK writes it (schemas/README.md): the inverse of {@code
 * BeaconParser}, leaving out absent fields.
 */
public final class BeaconJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private BeaconJson() {}

  public static String toJson(BeaconEvent beacon) {
    StringWriter out = new StringWriter(160);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(beacon, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A request body: {@code {"events":[...]}}. */
  public static String batch(List<BeaconEvent> beacons) {
    StringWriter out = new StringWriter(beacons.size() * 160 + 16);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("events");
      for (BeaconEvent beacon : beacons) {
        write(beacon, json);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes beacons as JSON lines, the input format of {@code qoe replay}. */
  public static void writeLines(List<BeaconEvent> beacons, Writer out) throws IOException {
    for (BeaconEvent beacon : beacons) {
      out.write(toJson(beacon));
      out.write('\n');
    }
  }

  private static void write(BeaconEvent b, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeNumberField("v", BeaconEvent.PROTOCOL_VERSION);
    json.writeStringField("session_id", b.sessionId());
    json.writeNumberField("seq", b.seq());
    json.writeStringField("type", b.type().wireName());
    json.writeNumberField("ts", b.ts());
    if (b.bitrateKbps() != null) {
      json.writeNumberField("bitrate_kbps", b.bitrateKbps());
    }
    if (b.playheadMs() != null) {
      json.writeNumberField("playhead_ms", b.playheadMs());
    }
    PlaybackError error = b.error();
    if (error != null) {
      json.writeStringField("error_code", error.code());
      json.writeBooleanField("error_fatal", error.fatal());
      json.writeStringField("error_category", error.category().wireName());
    }
    writeDimensions(b.dimensions(), json);
    json.writeEndObject();
  }

  private static void writeDimensions(SessionDimensions d, JsonGenerator json) throws IOException {
    writeText(json, "viewer_id", d.viewerId());
    writeText(json, "asset_id", d.assetId());
    writeText(json, "stream_type", d.streamType() == null ? null : d.streamType().wireName());
    writeText(json, "player_name", d.playerName());
    writeText(json, "player_version", d.playerVersion());
    writeText(json, "device_type", d.deviceType());
    writeText(json, "os", d.os());
    writeText(json, "app_version", d.appVersion());
    writeText(json, "cdn", d.cdn());
    writeText(json, "drm_system", d.drmSystem());
    if (d.custom() != null) {
      json.writeObjectFieldStart("custom");
      for (Map.Entry<String, String> entry : d.custom().entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
    }
  }

  private static void writeText(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }
}
