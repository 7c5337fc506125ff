package dev.openqoe.pinot.explain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.pinot.GeneratedOpsHealth;
import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.pinot.drill.DrillDimension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;

/**
 * An hour of sessions, their delivery records and the delivery chain's health, two days before the
 * shared Pinot's generated rows (so no other test's window sees them), as the pipeline and the
 * normaliser write them. In the last half hour three things go wrong at once: widevine's license
 * server fails 30 % of its licenses (the starts it fails are linked to their denied licenses),
 * player version 1.4.1 fails 25 % of its starts with its own error code while the chain serves it
 * well, and fastly answers 5 % of its requests 5xx, so 60 % of its sessions stall, each with 5xx
 * answers in its own requests. The first half hour is the same traffic without them: 2 % of starts
 * fail, half on a 404 the CDN's records show, half on a player error; 10 % of sessions stall.
 */
public final class ExplainScenario {

  public static final int SESSIONS_PER_HALF_HOUR = 3_000;
  private final int sessionsPerHalfHour;
  private static final String[] CDNS = {"akamai", "fastly", "cloudfront"};
  private static final String[] DRM = {"widevine", "fairplay"};
  private static final String[] VERSIONS = {"1.4.0", "1.4.1", "2.0.1"};
  private static final String[] COUNTRIES = {"US", "BR", "DE"};
  private static final String[] ASSETS = {"movie-1", "movie-2", "movie-3", "movie-4"};

  /** The end of the scenario's hour: what "now" is for the questions asked about it. */
  public final long now;

  /** The property of the scenario's sessions. */
  public static final String PROPERTY = "explain";

  final List<ObjectNode> sessions = new ArrayList<>();
  final List<ObjectNode> deliveryRecords = new ArrayList<>();
  final List<ObjectNode> health = new ArrayList<>();

  private ExplainScenario(long now, int sessionsPerHalfHour) {
    this.now = now;
    this.sessionsPerHalfHour = sessionsPerHalfHour;
  }

  public static ExplainScenario loadInto(SharedPinot shared) {
    return loadInto(shared, SESSIONS_PER_HALF_HOUR, 2);
  }

  /**
   * The scenario with {@code sessionsPerHalfHour} sessions in each half hour, ending {@code
   * daysAgo} days before the shared rows.
   */
  public static ExplainScenario loadInto(SharedPinot shared, int sessionsPerHalfHour, int daysAgo) {
    long now = (shared.generatedAt() - daysAgo * 24 * 3_600_000L) / 60_000 * 60_000;
    ExplainScenario scenario = new ExplainScenario(now, sessionsPerHalfHour);
    scenario.generate(shared.rows().sessions().get(0), new Random(7));
    shared.produce("qoe.sessions.v1", scenario.sessions);
    shared.produce("qoe.session-delivery.v1", scenario.deliveryRecords);
    shared.produce("qoe.ops.health.v1", row -> row.get("slice").asText(), scenario.health);
    scenario.awaitIn(shared);
    return scenario;
  }

  /** A clock stopped at the scenario's end, for questions asked about it. */
  public Clock clock() {
    return Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
  }

  private void awaitIn(SharedPinot shared) {
    String sessionRows =
        "qoe_sessions WHERE property_id = '" + PROPERTY + "' AND ended_at >= " + (now - 3_600_000);
    String deliveryRows =
        "qoe_session_delivery WHERE property_id = '"
            + PROPERTY
            + "' AND ended_at >= "
            + (now - 3_600_000);
    String healthRows =
        "qoe_ops_health WHERE window_start >= " + (now - 3_600_000) + " AND window_start < " + now;
    Awaitility.await("the explain scenario's rows in Pinot")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                count(shared, sessionRows) == sessions.size()
                    && count(shared, deliveryRows) == deliveryRecords.size()
                    && count(shared, healthRows) == health.size());
  }

  private static long count(SharedPinot shared, String from) {
    return shared.broker().query("SELECT COUNT(*) FROM " + from).singleLong();
  }

  private void generate(ObjectNode template, Random random) {
    for (int half = 0; half < 2; half++) {
      boolean incident = half == 1;
      long start = now - (2 - half) * 1_800_000L;
      for (int i = 0; i < sessionsPerHalfHour; i++) {
        session(
            template,
            random,
            incident,
            start + random.nextInt(1_800_000),
            half * sessionsPerHalfHour + i);
      }
      for (long minute = start; minute < start + 1_800_000; minute += 60_000) {
        for (String cdn : CDNS) {
          health.add(cdnHealth(minute, cdn, incident && cdn.equals("fastly") ? 50 : 2));
        }
        for (String drm : DRM) {
          health.add(drmHealth(minute, drm, incident && drm.equals("widevine") ? 300 : 5));
        }
      }
    }
  }

  private void session(ObjectNode template, Random random, boolean incident, long endedAt, int n) {
    String cdn = CDNS[random.nextInt(CDNS.length)];
    String drm = DRM[random.nextInt(DRM.length)];
    String version = VERSIONS[random.nextInt(VERSIONS.length)];
    ObjectNode session = template.deepCopy();
    session.put("session_id", "explain-" + now + "-" + n);
    session.put("property_id", PROPERTY);
    session.put("cdn", cdn);
    session.put("drm_system", drm);
    session.put("player_version", version);
    session.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
    session.put("asset_id", ASSETS[random.nextInt(ASSETS.length)]);
    session.put("started_at", endedAt - 300_000);
    session.put("ended_at", endedAt);
    session.put("closed_at", endedAt + 1_000);
    session.put("attempt", true);
    session.put("vpf", false);
    session.put("vpf_business", false);

    String failure = null;
    double draw = random.nextDouble();
    if (incident && drm.equals("widevine") && draw < 0.3) {
      failure = "drm";
    } else if (incident && version.equals("1.4.1") && random.nextDouble() < 0.25) {
      failure = "player";
    } else if (random.nextDouble() < 0.02) {
      failure = random.nextBoolean() ? "cdn" : "player";
    }
    boolean stalled =
        failure == null && random.nextDouble() < (incident && cdn.equals("fastly") ? 0.6 : 0.1);
    session.put("startup_outcome", failure == null ? "started" : "vsf");
    session.put("vst_ms", failure == null ? 900 + random.nextInt(600) : -1);
    session.put("play_ms", failure == null ? 280_000 : 0);
    session.put("rebuffer_count", stalled ? 2 : 0);
    session.put("rebuffer_ms", stalled ? 4_000 : 0);
    session.put("rbr", stalled ? 4_000.0 / 284_000 : 0.0);
    sessions.add(session);
    if (failure != null || stalled) {
      deliveryRecords.add(
          deliveryRecord(session, failure, stalled && incident && cdn.equals("fastly")));
    }
  }

  private static ObjectNode deliveryRecord(ObjectNode session, String failure, boolean served5xx) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    List<String> columns = new ArrayList<>(DrillDimension.ALL);
    columns.addAll(
        List.of("session_id", "startup_outcome", "vpf", "rebuffer_count", "vst_ms", "ended_at"));
    for (String column : columns) {
      row.set(column, session.get(column));
    }
    row.put("revision", 1).put("updated_at", session.get("closed_at").asLong());
    row.put("failed", failure != null);
    row.put("cdn_requests", 40).put("cdn_4xx", "cdn".equals(failure) ? 1 : 0);
    row.put("cdn_5xx", served5xx ? 3 : 0).put("cdn_cache_misses", 2);
    row.put("license_requests", 1);
    row.put("license_outcome", "drm".equals(failure) ? "error" : "granted");
    if (failure != null) {
      row.put("failure_stage", failure);
      row.put("failure_linked", !failure.equals("player"));
      row.put(
          "fatal_error_code",
          switch (failure) {
            case "drm" -> "DRM_LICENSE_FAILED";
            case "cdn" -> "MANIFEST_LOAD_FAILED";
            default -> "PLAYER_INTERNAL_ERROR";
          });
    }
    return row;
  }

  private static ObjectNode cdnHealth(long minute, String cdn, long status5xx) {
    ObjectNode row = GeneratedOpsHealth.row(minute, "cdn|" + cdn + "|EDGE-1", "cdn");
    row.put("cdn", cdn).put("edge", cdn.toUpperCase() + "-EDGE-1");
    row.put("requests", 1_000).put("status_4xx", 5).put("status_5xx", status5xx);
    return row;
  }

  private static ObjectNode drmHealth(long minute, String system, long errors) {
    ObjectNode row = GeneratedOpsHealth.row(minute, "drm|" + system + "|eu-west-1", "drm");
    row.put("drm_system", system).put("region", "eu-west-1");
    row.put("license_requests", 1_000).put("license_errors", errors);
    return row;
  }
}
