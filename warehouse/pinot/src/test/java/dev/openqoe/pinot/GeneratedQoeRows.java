package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.replay.GeneratedBeacons;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionFactsJson;
import dev.openqoe.session.SessionInterval;
import dev.openqoe.warehouse.QoeTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.iceberg.types.Types;

/**
 * Rows as the pipeline writes them to qoe.sessions.v1 and qoe.intervals.v1, made from {@link
 * GeneratedBeacons} run through the session model, with the player and ingest dimensions the
 * generator leaves out (OS, player, DRM, country, ASN ...) added per session, and the clock moved
 * so the sessions ended in the hour before {@code now}.
 */
public final class GeneratedQoeRows {

  /** Where GeneratedBeacons starts its sessions (within the hour after). */
  private static final long GENERATOR_EPOCH = 1_700_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] OS = {"android", "ios", "windows", "tizen"};
  private static final String[] PLAYERS = {"hls.js", "shaka", "exoplayer"};
  private static final String[] PLAYER_VERSIONS = {"1.4.0", "1.5.2", "2.0.1"};
  private static final String[] DRM = {"widevine", "fairplay", "none"};
  private static final String[] STREAM_TYPES = {"vod", "live"};
  private static final String[] COUNTRIES = {"US", "BR", "DE", "IN"};
  private static final long[] ASNS = {7922, 28573, 3320, 55836};
  private static final String[] BROWSERS = {"Chrome", "Safari", "Firefox"};

  public record Rows(List<ObjectNode> sessions, List<ObjectNode> intervals) {}

  private GeneratedQoeRows() {}

  public static Rows generate(int count, long seed, long now) {
    long shift = (now - GENERATOR_EPOCH - 90 * 60_000L) / 60_000L * 60_000L;
    Random random = new Random(seed);
    BeaconParser parser = BeaconParser.lenientClock();
    List<ObjectNode> sessions = new ArrayList<>();
    List<ObjectNode> intervals = new ArrayList<>();
    for (List<String> lines : GeneratedBeacons.sessions(count, seed)) {
      int country = random.nextInt(COUNTRIES.length);
      ObjectNode ingest = JSON.createObjectNode();
      ingest.put("property_id", "prop-" + random.nextInt(2));
      ingest.put("country", COUNTRIES[country]);
      ingest.put("region", COUNTRIES[country] + "-" + random.nextInt(3));
      ingest.put("asn", ASNS[country]);
      ingest.put("ua_browser", BROWSERS[random.nextInt(BROWSERS.length)]);
      ingest.put("ua_os", OS[random.nextInt(OS.length)]);
      ingest.put("ua_device", random.nextBoolean() ? "mobile" : "desktop");
      SessionAccumulator session = null;
      for (int i = 0; i < lines.size(); i++) {
        ObjectNode beacon = parse(lines.get(i));
        beacon.put("ts", beacon.get("ts").asLong() + shift);
        if (i == 0) {
          beacon.put("os", OS[random.nextInt(OS.length)]);
          beacon.put("player_name", PLAYERS[random.nextInt(PLAYERS.length)]);
          beacon.put("player_version", PLAYER_VERSIONS[random.nextInt(PLAYER_VERSIONS.length)]);
          beacon.put("drm_system", DRM[random.nextInt(DRM.length)]);
          beacon.put("stream_type", STREAM_TYPES[random.nextInt(STREAM_TYPES.length)]);
          beacon.put("viewer_id", "viewer-" + random.nextInt(500));
          session =
              new SessionAccumulator(
                  beacon.get("session_id").asText(),
                  SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT,
                  SessionAccumulator.DEFAULT_INTERVAL);
        }
        if (parser.parse(beacon) instanceof ParseResult.Valid valid) {
          session.offer(valid.event());
        } else {
          throw new IllegalStateException("generated beacon rejected: " + beacon);
        }
      }
      SessionFacts facts = session.close();
      ObjectNode sessionRow = sessionRow(facts, ingest);
      sessions.add(sessionRow);
      for (SessionInterval interval : session.drainIntervals()) {
        intervals.add(intervalRow(interval, sessionRow));
      }
    }
    return new Rows(sessions, intervals);
  }

  private static ObjectNode sessionRow(SessionFacts facts, ObjectNode ingest) {
    ObjectNode row = parse(SessionFactsJson.toJson(facts));
    row.setAll(ingest.deepCopy());
    row.put("closed_at", facts.endedAt() + 1_000);
    return row;
  }

  /**
   * The interval's own columns; its dimension and ingest columns are the session's (constant within
   * a generated session), copied from the session row so the dimensions have one JSON mapping,
   * SessionFactsJson's.
   */
  private static ObjectNode intervalRow(SessionInterval i, ObjectNode session) {
    ObjectNode row = JSON.createObjectNode();
    row.put("session_id", i.sessionId());
    row.put("interval_start", i.intervalStart());
    row.put("interval_ms", i.intervalMs());
    row.put("play_ms", i.playMs());
    row.put("rebuffer_ms", i.rebufferMs());
    row.put("ad_ms", i.adMs());
    row.put("rebuffer_starts", i.rebufferStarts());
    row.put("bitrate_kbps_ms", i.bitrateKbpsMs());
    row.put("bitrate_known_ms", i.bitrateKnownMs());
    row.put(
        "state_at_end",
        i.stateAtEnd() == null ? "ended" : i.stateAtEnd().name().toLowerCase(Locale.ROOT));
    row.put("startup_outcome", i.startupOutcome() == null ? null : i.startupOutcome().wireName());
    row.put("vst_ms", i.vstMs());
    row.put("playback_failure", i.playbackFailure());
    for (Types.NestedField column : QoeTables.DWD_INTERVALS.schema().columns()) {
      if (!row.has(column.name())) {
        row.set(column.name(), session.get(column.name()));
      }
    }
    return row;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
