package dev.openqoe.ingest.cmcd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconRejection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one CMCD v2 report onto one protocol-v1 beacon (as JSON, so {@link
 * dev.openqoe.protocol.BeaconParser} validates it like any other beacon). The mapping table is in
 * ingest/README.md.
 */
public final class CmcdMapper {

  /** The outcome: the beacon's JSON, or why the report cannot become one. */
  public sealed interface Mapping {
    record Beacon(ObjectNode json) implements Mapping {}

    record Rejected(BeaconRejection rejection) implements Mapping {}
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final CmcdPlayStates playStates;

  public CmcdMapper(CmcdPlayStates playStates) {
    this.playStates = playStates;
  }

  public Mapping map(Map<String, Object> report, CmcdReportMode mode, long receivedAt) {
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
    if (!(report.get("sn") instanceof Long sn) || sn < 0 || sn > Long.MAX_VALUE / 2 - 1) {
      return rejected("sn", "a CMCD report needs the sequence number sn as an integer >= 0");
    }
    String state = report.get("sta") instanceof CmcdToken token ? token.value() : null;
    Long bitrate = firstInteger(report.get("br"));
    CmcdPlayStates.Last before = playStates.update(sessionId, state, bitrate);

    ObjectNode beacon = JSON.objectNode();
    beacon.put("v", BeaconEvent.PROTOCOL_VERSION);
    beacon.put("session_id", sessionId);
    // Event and request reports are numbered separately, each from 0; interleaving them keeps
    // (session_id, seq) unique, which downstream deduplication relies on.
    beacon.put("seq", mode == CmcdReportMode.EVENT ? 2 * sn : 2 * sn + 1);
    beacon.put("ts", report.get("ts") instanceof Long ts ? ts.longValue() : receivedAt);
    String event = report.get("e") instanceof CmcdToken token ? token.value() : null;
    beacon.put("type", eventType(event, state, bitrate, before));
    if ("e".equals(event) || "f".equals(state)) {
      Object codes = report.get("ec");
      String code =
          codes instanceof List<?> list && !list.isEmpty() ? list.get(0).toString() : null;
      beacon.put(
          "error_code", code != null ? code : "e".equals(event) ? "CMCD_ERROR" : "CMCD_FATAL");
      beacon.put("error_fatal", "f".equals(state));
    }
    if (bitrate != null) {
      beacon.put("bitrate_kbps", bitrate);
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
    ObjectNode custom = JSON.objectNode();
    copyCustom(report, "bl", custom);
    copyCustom(report, "mtp", custom);
    copyCustom(report, "sf", custom);
    copyCustom(report, "e", custom);
    custom.put("cmcd_mode", mode.name().toLowerCase(Locale.ROOT));
    beacon.set("custom", custom);
    return new Mapping.Beacon(beacon);
  }

  /** The protocol-v1 type of a report: errors first, then state changes, then bitrate changes. */
  static String eventType(String event, String state, Long bitrate, CmcdPlayStates.Last before) {
    if ("e".equals(event)) {
      return "error";
    }
    if (state != null && !state.equals(before.state())) {
      String transition = transition(before.state(), state);
      if (transition != null) {
        return transition;
      }
    }
    boolean reportedChange = "bc".equals(event);
    boolean seenChange = before.bitrateKbps() != null && !before.bitrateKbps().equals(bitrate);
    if (bitrate != null && (reportedChange || seenChange)) {
      return "bitrate_change";
    }
    if ("abs".equals(event)) {
      return "ad_break_start";
    }
    if ("abe".equals(event)) {
      return "ad_break_end";
    }
    return "heartbeat";
  }

  private static String transition(String from, String to) {
    return switch (to) {
      case "s" -> "play_request";
      case "p" -> playing(from);
      case "r" -> "rebuffer_start";
      case "a" -> "pause";
      case "k" -> "seek_start";
      case "e", "q" -> "end";
      case "f" -> "error";
      default -> null;
    };
  }

  /** Playing means something different after each state; unknown history is a heartbeat. */
  private static String playing(String from) {
    if (from == null) {
      return null;
    }
    return switch (from) {
      case "s", "d" -> "first_frame";
      case "r" -> "rebuffer_end";
      case "a", "w" -> "resume";
      case "k" -> "seek_end";
      default -> null;
    };
  }

  private static Long firstInteger(Object value) {
    if (value instanceof Long number) {
      return number;
    }
    if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Long number) {
      return number;
    }
    return null;
  }

  private static void copyCustom(Map<String, Object> report, String key, ObjectNode custom) {
    Object value = report.get(key);
    if (value instanceof List<?> list && !list.isEmpty()) {
      value = list.get(0);
    }
    if (value instanceof Long || value instanceof Double || value instanceof CmcdToken) {
      custom.put("cmcd_" + key, value.toString());
    }
  }

  private static Mapping rejected(String field, String reason) {
    return new Mapping.Rejected(new BeaconRejection("cmcd." + field, reason));
  }
}
