package dev.openqoe.ingest.cmcd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.cmcd.CmcdItem;
import dev.openqoe.cmcd.CmcdToken;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.BeaconRejection;
import dev.openqoe.protocol.CmcdReport;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.EventType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one CMCD v2 report onto one protocol-v1 beacon of type {@code cmcd} (as JSON, so {@link
 * BeaconParser} validates it like any other beacon). Only what needs no memory of the session is
 * mapped here: any collector may receive any report, and the session model turns the ordered
 * reports of a session into playback transitions. The mapping table is in ingest/README.md.
 */
public final class CmcdMapper {

  /** The outcome: the beacon's JSON, or why the report cannot become one. */
  public sealed interface Mapping {
    record Beacon(ObjectNode json) implements Mapping {}

    record Rejected(BeaconRejection rejection) implements Mapping {}
  }

  /**
   * seq = report time x 2048 + (sn mod 1024) x 2 + mode: sorting by seq orders a session's reports
   * by report time, then by sn, event mode before request mode at the same millisecond.
   */
  static final int SEQ_PER_MS = 2048;

  private static final long MAX_ORDERED_TS = BeaconParser.MAX_SAFE_INTEGER / SEQ_PER_MS;

  /**
   * Object types ({@code ot}) whose {@code br} is a video bitrate: video, and muxed audio+video.
   */
  private static final Set<String> VIDEO_OBJECTS = Set.of("v", "av");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CmcdMapper() {}

  /**
   * @param payload the report's CMCD data as received, kept on the beacon
   * @param receivedAt the collector's receive time: the report time of reports without {@code ts}
   */
  public static Mapping map(
      String payload, Map<String, Object> report, CmcdReportMode mode, long receivedAt) {
    Object version = report.get("v");
    if (!Long.valueOf(2).equals(version)) {
      return rejected(
          "v",
          "only CMCD version 2 reports can be mapped (they carry sn and sta), got v="
              + (version == null ? "1 (absent)" : version));
    }
    if (!(report.get("sid") instanceof String sessionId)) {
      return rejected("sid", "a CMCD report needs the session id sid as a string");
    }
    if (!(report.get("sn") instanceof Long sn) || sn < 0) {
      return rejected("sn", "a CMCD report needs the sequence number sn as an integer >= 0");
    }
    long ts = report.get("ts") instanceof Long reported ? reported : receivedAt;
    if (ts < 0 || ts > MAX_ORDERED_TS) {
      return rejected(
          "ts", "must be epoch milliseconds from 0 to " + MAX_ORDERED_TS + ", got " + ts);
    }
    if (payload.length() > CmcdReport.MAX_PAYLOAD_LENGTH) {
      return rejected(
          null,
          "a CMCD report of "
              + payload.length()
              + " characters is longer than the "
              + CmcdReport.MAX_PAYLOAD_LENGTH
              + " kept");
    }
    String state = CmcdToken.textOf(report.get("sta"));
    String event = CmcdToken.textOf(report.get("e"));

    ObjectNode beacon = JSON.objectNode();
    beacon.put("v", BeaconEvent.PROTOCOL_VERSION);
    beacon.put("session_id", sessionId);
    beacon.put("seq", ts * SEQ_PER_MS + (sn % 1024) * 2 + (mode == CmcdReportMode.REQUEST ? 1 : 0));
    beacon.put("type", EventType.CMCD.wireName());
    beacon.put("ts", ts);
    beacon.put("cmcd_mode", mode.wireName());
    beacon.put("cmcd_sn", sn);
    beacon.put("cmcd_sta", state);
    beacon.put("cmcd_e", event);
    beacon.put("cmcd_report", payload);
    if ("e".equals(event) || "f".equals(state)) {
      Object codes = report.get("ec");
      String code =
          codes instanceof List<?> list && !list.isEmpty()
              ? CmcdItem.bare(list.get(0)).toString()
              : null;
      beacon.put(
          "error_code", code != null ? code : "e".equals(event) ? "CMCD_ERROR" : "CMCD_FATAL");
      beacon.put("error_fatal", "f".equals(state));
    }
    Long videoBitrate = videoBitrateKbps(report);
    if (videoBitrate != null) {
      beacon.put("bitrate_kbps", videoBitrate);
    }
    if (report.get("pt") instanceof Long playhead) {
      beacon.put("playhead_ms", playhead);
    }
    if (report.get("cid") instanceof String contentId) {
      beacon.put("asset_id", contentId);
    }
    if (report.get("st") instanceof CmcdToken streamType) {
      beacon.put("stream_type", streamType.value().equals("v") ? "vod" : "live");
    }
    if (report.get("sf") instanceof CmcdToken format) {
      beacon.putObject("custom").put("cmcd_sf", format.value());
    }
    return new Mapping.Beacon(beacon);
  }

  /**
   * The video bitrate a report tells, or null. A report about another object type ({@code ot}
   * audio, init segment, manifest...) tells none. In {@code br}'s inner list, values marked video
   * ({@code ;v} or {@code ;av}) count; values marked otherwise ({@code ;a}) never do; without a
   * value marked video, the highest unmarked value counts, as players that list audio and video
   * together list the video rendition's larger bitrate beside the audio's.
   */
  static Long videoBitrateKbps(Map<String, Object> report) {
    Object bitrate = report.get("br");
    if (bitrate == null) {
      return null;
    }
    String objectType = CmcdToken.textOf(report.get("ot"));
    if (objectType != null && !VIDEO_OBJECTS.contains(objectType)) {
      return null;
    }
    List<?> values = bitrate instanceof List<?> list ? list : List.of(bitrate);
    Long markedVideo = null;
    Long unmarked = null;
    for (Object value : values) {
      if (!(CmcdItem.bare(value) instanceof Long kbps) || kbps <= 0) {
        continue;
      }
      if (!(value instanceof CmcdItem item)) {
        unmarked = unmarked == null ? kbps : Math.max(unmarked, kbps);
      } else if (item.parameters().keySet().stream().anyMatch(VIDEO_OBJECTS::contains)) {
        markedVideo = markedVideo == null ? kbps : Math.max(markedVideo, kbps);
      }
    }
    return markedVideo != null ? markedVideo : unmarked;
  }

  private static Mapping rejected(String field, String reason) {
    return new Mapping.Rejected(
        new BeaconRejection(field == null ? null : "cmcd." + field, reason));
  }
}
