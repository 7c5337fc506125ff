package dev.openqoe.drillbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.ingest.enrich.ClientSoftware;
import dev.openqoe.ingest.enrich.UserAgentClassifier;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.SessionFactsJson;
import dev.openqoe.session.SessionInterval;
import dev.openqoe.simulator.Behaviour;
import dev.openqoe.simulator.Scenario;
import dev.openqoe.simulator.SessionPlan;
import dev.openqoe.simulator.SimulatedSession;
import dev.openqoe.simulator.SimulatorConfig;
import dev.openqoe.warehouse.QoeTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.types.Types;

/**
 * Session and interval rows as the pipeline writes them to qoe.sessions.v1 / qoe.intervals.v1 and
 * dwd.sessions / dwd.session_intervals: the simulator's sessions (its catalog of CDNs, networks,
 * devices, players and assets, its behaviours) scripted on its fast clock so they end in the {@code
 * window} before {@code now}, each one's beacons run through the session model ({@link
 * SessionAccumulator}, as replay and the sessionizer do), with the columns the collector adds
 * (property, country and ASN of the session's network, the User-Agent's browser, OS and device).
 * Sessions come one at a time in the order they start, so any number can be streamed.
 */
public final class SimulatedQoeRows {

  /** The collector's development property, which the simulator's key writes to. */
  static final String PROPERTY = "dev";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One session's rows. */
  public record SessionRows(long startedAt, ObjectNode session, List<ObjectNode> intervals) {}

  private final UserAgentClassifier userAgents = new UserAgentClassifier();
  private final Map<String, ClientSoftware> software = new HashMap<>();
  private final List<Template> templates = new ArrayList<>();
  private final int sessions;
  private final long firstStart;
  private final double spacing;
  private int next;

  /** A simulated session's rows as JSON text, compact to keep many. */
  private record Template(long startedAt, String session, List<String> intervals) {}

  /**
   * @param watchScale the simulator's mean watch times multiplied by this: with 0.5, sessions hold
   *     about 8.5 interval rows on average (1M sessions, ~8.5M intervals)
   */
  public SimulatedQoeRows(
      int sessions, int distinct, long now, Duration window, double watchScale, long seed) {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS
            .builder()
            .sessions(Math.min(sessions, distinct))
            .window(window)
            .maxSessionLength(SimulatorConfig.SHORTEST_SESSION_LIMIT)
            .seed(seed)
            .ops(false)
            .behaviour(shorterWatching(Behaviour.DEFAULTS, watchScale))
            .build();
    Scenario scenario = new Scenario(config, "bench", Scenario.fastOrigin(config, now));
    while (scenario.hasNext()) {
      templates.add(template(scenario.nextFast()));
      if (templates.size() % 10_000 == 0) {
        System.out.printf("  %d sessions simulated%n", templates.size());
      }
    }
    this.sessions = sessions;
    this.firstStart = Scenario.fastOrigin(config, now);
    this.spacing = (double) window.toMillis() / sessions;
  }

  public boolean hasNext() {
    return next < sessions;
  }

  /**
   * The next session: a replay of a simulated one, under its own id, at its place in the window.
   */
  public SessionRows next() {
    Template template = templates.get(next % templates.size());
    long startedAt = firstStart + (long) (next * spacing);
    long shift = startedAt - template.startedAt();
    String sessionId = String.format("bench-%07d", next);
    next++;
    ObjectNode session = parse(template.session());
    retime(session, sessionId, shift, "started_at", "ended_at", "closed_at");
    List<ObjectNode> intervals = new ArrayList<>(template.intervals().size());
    for (String interval : template.intervals()) {
      ObjectNode row = parse(interval);
      retime(row, sessionId, shift, "interval_start");
      intervals.add(row);
    }
    return new SessionRows(startedAt, session, intervals);
  }

  private static void retime(ObjectNode row, String sessionId, long shift, String... times) {
    row.put("session_id", sessionId);
    for (String time : times) {
      row.put(time, row.get(time).asLong() + shift);
    }
  }

  private Template template(SimulatedSession simulated) {
    SessionPlan plan = simulated.plan();
    SessionAccumulator session =
        new SessionAccumulator(
            plan.sessionId(),
            SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT,
            SessionAccumulator.DEFAULT_INTERVAL);
    for (BeaconEvent beacon : simulated.beacons()) {
      session.offer(beacon);
    }
    SessionFacts facts = session.close();
    ObjectNode sessionRow = sessionRow(facts, plan);
    List<ObjectNode> intervals = new ArrayList<>();
    for (SessionInterval interval : session.drainIntervals()) {
      intervals.add(intervalRow(interval, sessionRow));
    }
    return new Template(
        facts.startedAt(),
        sessionRow.toString(),
        intervals.stream().map(ObjectNode::toString).toList());
  }

  private ObjectNode sessionRow(SessionFacts facts, SessionPlan plan) {
    ObjectNode row = parse(SessionFactsJson.toJson(facts));
    ClientSoftware client =
        software.computeIfAbsent(plan.device().userAgent(), userAgents::classify);
    row.put("property_id", PROPERTY);
    row.put("country", plan.network().country());
    // The simulator's GeoIP database maps networks to countries and ASNs, not to regions.
    row.putNull("region");
    row.put("asn", plan.network().asn());
    row.put("ua_browser", client.browser());
    row.put("ua_os", client.os());
    row.put("ua_device", client.device());
    row.put("closed_at", facts.endedAt() + 1_000);
    return row;
  }

  /**
   * The interval's own columns; its dimension and ingest columns are the session's (constant within
   * a simulated session), copied from the session row so the dimensions have one JSON mapping,
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
      if (!row.has(column.name()) && session.has(column.name())) {
        row.set(column.name(), session.get(column.name()));
      }
    }
    return row;
  }

  private static Behaviour shorterWatching(Behaviour b, double scale) {
    return new Behaviour(
        b.ebvsShare(),
        b.vsfShare(),
        b.vsfBusinessShare(),
        b.startupMedianMs(),
        b.startupSigma(),
        b.prerollShare(),
        b.midrollShare(),
        Math.round(b.meanVodWatchMs() * scale),
        Math.round(b.meanLiveWatchMs() * scale),
        b.rebuffersPerMinute(),
        b.rebufferMedianMs(),
        b.switchesPerMinute(),
        b.seeksPerMinute(),
        b.pausesPerMinute(),
        b.softErrorsPerMinute(),
        b.playbackFailureShare(),
        b.playbackBusinessFailureShare(),
        b.vanishShare(),
        b.degradedRebufferFactor(),
        b.degradedRebufferLengthFactor(),
        b.drmOutageFailureShare(),
        b.playerBugStartFailureShare(),
        b.playerBugPlaybackFailureShare(),
        b.heartbeatMs());
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
