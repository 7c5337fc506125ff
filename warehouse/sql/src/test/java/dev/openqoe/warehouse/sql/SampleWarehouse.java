package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * A small warehouse with answers worked out by hand (see the comments at each row). The latest hour
 * is {@link #LATEST_HOUR}; rows 30 h before it are outside every "last 24 h" query and would change
 * its answer if they were counted. Public for qoe-trino's tests, which run the same queries on
 * Trino.
 */
public final class SampleWarehouse {

  public static final OffsetDateTime LATEST_HOUR =
      OffsetDateTime.of(2026, 11, 20, 12, 0, 0, 0, ZoneOffset.UTC);

  private SampleWarehouse() {}

  public static WarehouseConfig create(Path dataDir) {
    WarehouseConfig config = WarehouseConfig.embedded(dataDir);
    try (WarehouseCatalog warehouse = WarehouseCatalog.openWithTables(config)) {
      IcebergRows.append(warehouse.load(QoeTables.DWS_HOUR), hourlyTotals());
      IcebergRows.append(warehouse.load(QoeTables.DWD_SESSIONS), sessions());
      IcebergRows.append(warehouse.load(QoeTables.ODS_REJECTED), rejectedBeacons());
      IcebergRows.append(warehouse.load(QoeTables.DWD_LATE), lateBeacons());
      IcebergRows.append(warehouse.load(QoeTables.DWS_OPS_MINUTE), opsMinutes());
      IcebergRows.append(warehouse.load(QoeTables.DWD_OPS_EVENTS), opsEvents());
    }
    return config;
  }

  /**
   * Last 24 h: akamai/US = A + B (attempts 20, started 18, vsf 1, ebvs 1, vpf 2, RBR 0.1);
   * fastly/DE = C (attempts 5, vsf_business 1, vpf 1 of 4, RBR 0.25); (null)/FR = E. D is 30 h old.
   * Over 168 h, VPF by asset: a2 = B + D (50 of 110), a1 = A + E (2 of 10), a3 = C (4 started).
   */
  static List<Record> hourlyTotals() {
    return List.of(
        // A
        hour(0, "akamai", "US", "a1", "widevine", 10, 10, 8, 1, 0, 1, 2, 80_000, 20_000),
        // B
        hour(1, "akamai", "US", "a2", "widevine", 10, 10, 10, 0, 0, 0, 0, 100_000, 0),
        // C
        hour(2, "fastly", "DE", "a3", "fairplay", 5, 5, 4, 0, 1, 0, 1, 30_000, 10_000),
        // D
        hour(30, "akamai", "US", "a2", "widevine", 100, 100, 100, 0, 0, 0, 50, 900_000, 900_000),
        // E
        hour(0, null, "FR", "a1", null, 2, 2, 2, 0, 0, 0, 0, 20_000, 0));
  }

  /**
   * Started sessions with a startup time in the last 24 h: desktop 100..1000 ms step 100 (p50 =
   * 500, p95 = 1000); mobile 250, 1500, 3000 (p50 = 1500, p95 = 3000); tv 800. Not counted: an EBVS
   * desktop session, a VSF tv session, and a 99 999 ms desktop start 30 h ago.
   */
  static List<Record> sessions() {
    List<Record> sessions = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sessions.add(session("d" + i, "desktop", "started", 100L * i, i));
    }
    sessions.add(session("m1", "mobile", "started", 3000L, 2));
    sessions.add(session("m2", "mobile", "started", 250L, 3));
    sessions.add(session("m3", "mobile", "started", 1500L, 4));
    sessions.add(session("t1", "tv", "started", 800L, 5));
    sessions.add(session("t2", "tv", "vsf", null, 6));
    sessions.add(session("d-ebvs", "desktop", "ebvs", null, 7));
    sessions.add(session("d-old", "desktop", "started", 99_999L, 30 * 60));
    return sessions;
  }

  /** Rejected: "invalid json" x2, "unknown type" x1. */
  static List<Record> rejectedBeacons() {
    return List.of(
        rejected("invalid json", 1), rejected("invalid json", 2), rejected("unknown type", 3));
  }

  /** Late: "after session end" x3, "duplicate" x1. */
  static List<Record> lateBeacons() {
    return List.of(
        late("after session end", 1),
        late("after session end", 2),
        late("after session end", 3),
        late("duplicate", 4));
  }

  private static Record hour(
      int hoursBeforeLatest,
      String cdn,
      String country,
      String asset,
      String drm,
      long sessions,
      long attempts,
      long started,
      long vsf,
      long vsfBusiness,
      long ebvs,
      long vpf,
      long playMs,
      long rebufferMs) {
    Record row = GenericRecord.create(QoeTables.DWS_HOUR.schema());
    row.setField("window_start", LATEST_HOUR.minusHours(hoursBeforeLatest));
    row.setField("property_id", "demo");
    row.setField("cdn", cdn);
    row.setField("country", country);
    row.setField("device_type", "desktop");
    row.setField("asset_id", asset);
    row.setField("drm_system", drm);
    row.setField("sessions", sessions);
    row.setField("attempts", attempts);
    row.setField("started", started);
    row.setField("vsf", vsf);
    row.setField("vsf_business", vsfBusiness);
    row.setField("ebvs", ebvs);
    row.setField("vpf", vpf);
    row.setField("vpf_business", 0L);
    row.setField("play_ms", playMs);
    row.setField("rebuffer_ms", rebufferMs);
    row.setField("rebuffer_count", rebufferMs / 5_000);
    row.setField("ad_ms", 0L);
    row.setField("error_count", vsf + vsfBusiness + vpf);
    row.setField("bitrate_weighted_play_ms", 3000.0 * playMs);
    row.setField("bitrate_play_ms", playMs);
    row.setField("vst_count", started);
    row.setField("vst_sum_ms", 900 * started);
    row.setField("vst_histogram", List.of(0L, started, 0L));
    return row;
  }

  private static Record session(
      String id, String deviceType, String outcome, Long vstMs, int minutesBeforeLatest) {
    OffsetDateTime ended = LATEST_HOUR.minusMinutes(minutesBeforeLatest);
    boolean started = "started".equals(outcome);
    Record row = GenericRecord.create(QoeTables.DWD_SESSIONS.schema());
    row.setField("session_id", id);
    row.setField("started_at", ended.minus(Duration.ofMinutes(10)));
    row.setField("ended_at", ended);
    row.setField("ended_by", started ? "end" : "error");
    row.setField("attempt", true);
    row.setField("startup_outcome", outcome);
    row.setField("vst_ms", vstMs);
    row.setField("play_ms", started ? 600_000L : 0L);
    row.setField("rebuffer_ms", 0L);
    row.setField("rebuffer_count", 0);
    row.setField("rbr", started ? 0.0 : null);
    row.setField("ad_ms", 0L);
    row.setField("seek_count", 0);
    row.setField("error_count", started ? 0 : 1);
    row.setField("bitrate_switches", 0);
    row.setField("avg_bitrate_kbps", started ? 3000.0 : null);
    row.setField("vpf", false);
    row.setField("vpf_business", false);
    row.setField("device_type", deviceType);
    row.setField("asset_id", "a1");
    row.setField("cdn", "akamai");
    row.setField("custom", Map.of("plan", "premium"));
    row.setField("property_id", "demo");
    row.setField("country", "US");
    row.setField("closed_at", ended.plusMinutes(2));
    return row;
  }

  private static Record rejected(String reason, int minutesBeforeLatest) {
    Record row = GenericRecord.create(QoeTables.ODS_REJECTED.schema());
    row.setField("payload", "{\"broken\": ");
    row.setField("reason", reason);
    row.setField("property_id", "demo");
    row.setField("received_at", LATEST_HOUR.minusMinutes(minutesBeforeLatest));
    row.setField("source", "beacon");
    return row;
  }

  private static Record late(String reason, int minutesBeforeLatest) {
    OffsetDateTime received = LATEST_HOUR.minusMinutes(minutesBeforeLatest);
    Record row = GenericRecord.create(QoeTables.DWD_LATE.schema());
    row.setField("session_id", "s" + minutesBeforeLatest);
    row.setField("seq", 99L);
    row.setField("type", "heartbeat");
    row.setField("ts", received.minusSeconds(5));
    row.setField("received_at", received);
    row.setField("property_id", "demo");
    row.setField("source", "beacon");
    row.setField("reason", reason);
    return row;
  }

  /**
   * Last 24 h at cloudfront FRA56-P1 (one minute in two rows, the second a late portion): 300
   * requests, 20 5xx (6.67 %), 4 4xx (1.33 %), 50 misses (16.67 %), worst p95 1500 ms, 1 minute
   * with 5xx; LHR62-C2: 50 requests, 0 5xx, 1 4xx (2 %), 5 misses (10 %), worst p95 200. Not
   * counted: 1000 5xx at FRA 30 h ago, and a DRM slice.
   */
  static List<Record> opsMinutes() {
    return List.of(
        cdnMinute("FRA56-P1", 0, 100, 10, 2, 20, 1500),
        cdnMinute("FRA56-P1", 1, 100, 0, 0, 10, 300),
        cdnMinute("FRA56-P1", 0, 100, 10, 2, 20, 900), // a late portion of the same minute
        cdnMinute("LHR62-C2", 0, 50, 0, 1, 5, 200),
        cdnMinute("FRA56-P1", 30 * 60, 1000, 1000, 0, 0, 9000),
        drmMinute());
  }

  /**
   * Last 24 h: 3 widevine licenses failed in eu-west-1 (2 sessions), 2 CloudFront 5xx at FRA56-P1
   * (2 sessions), 1 transcode job of a7/1080p failed. Not counted: a granted license, a 200
   * request, and a 5xx 30 h ago.
   */
  static List<Record> opsEvents() {
    return List.of(
        cdnEvent("s1", 503, "OriginConnectError", 1),
        cdnEvent("s2", 503, "OriginConnectError", 2),
        cdnEvent("s3", 200, null, 3),
        cdnEvent("s-old", 502, "OriginConnectError", 30 * 60),
        license("s4", "error", "LICENSE_SERVER_UNAVAILABLE", 4),
        license("s5", "error", "LICENSE_SERVER_UNAVAILABLE", 5),
        license("s5", "error", "LICENSE_SERVER_UNAVAILABLE", 6),
        license("s6", "granted", null, 7),
        transcodeFailure(8));
  }

  private static Record cdnMinute(
      String edge,
      int minutesBeforeLatest,
      long requests,
      long status5xx,
      long status4xx,
      long misses,
      long timeTakenP95) {
    Record row = opsMinute(minutesBeforeLatest, "cdn|cloudfront|" + edge, "cdn");
    row.setField("cdn", "cloudfront");
    row.setField("edge", edge);
    row.setField("requests", requests);
    row.setField("status_5xx", status5xx);
    row.setField("status_4xx", status4xx);
    row.setField("cache_misses", misses);
    row.setField("bytes", requests * 1_000_000);
    row.setField("time_taken_p95_ms", timeTakenP95);
    return row;
  }

  private static Record drmMinute() {
    Record row = opsMinute(0, "drm|widevine|eu-west-1", "drm");
    row.setField("drm_system", "widevine");
    row.setField("region", "eu-west-1");
    row.setField("license_requests", 40L);
    row.setField("license_errors", 3L);
    return row;
  }

  private static Record opsMinute(int minutesBeforeLatest, String slice, String source) {
    OffsetDateTime start = LATEST_HOUR.minusMinutes(minutesBeforeLatest);
    Record row = GenericRecord.create(QoeTables.DWS_OPS_MINUTE.schema());
    row.setField("window_start", start);
    row.setField("window_end", start.plusMinutes(1));
    row.setField("slice", slice);
    row.setField("source", source);
    for (String counter :
        List.of(
            "requests",
            "status_4xx",
            "status_5xx",
            "cache_misses",
            "bytes",
            "license_requests",
            "license_denials",
            "license_errors",
            "job_events",
            "job_failures")) {
      row.setField(counter, 0L);
    }
    return row;
  }

  private static Record cdnEvent(
      String session, int status, String errorCode, int minutesBeforeLatest) {
    Record row = opsEvent("cdn", "cdn|cloudfront|FRA56-P1", minutesBeforeLatest);
    row.setField("format", "cloudfront_standard");
    row.setField("session_id", session);
    row.setField("cdn", "cloudfront");
    row.setField("edge", "FRA56-P1");
    row.setField("status_code", status);
    row.setField("error_code", errorCode);
    return row;
  }

  private static Record license(
      String session, String outcome, String errorCode, int minutesBeforeLatest) {
    Record row = opsEvent("drm", "drm|widevine|eu-west-1", minutesBeforeLatest);
    row.setField("format", "drm_json");
    row.setField("session_id", session);
    row.setField("drm_system", "widevine");
    row.setField("region", "eu-west-1");
    row.setField("outcome", outcome);
    row.setField("error_code", errorCode);
    return row;
  }

  private static Record transcodeFailure(int minutesBeforeLatest) {
    Record row = opsEvent("transcode", "transcode|a7|1080p", minutesBeforeLatest);
    row.setField("format", "mediaconvert");
    row.setField("content_id", "a7");
    row.setField("rendition", "1080p");
    row.setField("job_status", "error");
    row.setField("error_code", "1517");
    return row;
  }

  private static Record opsEvent(String source, String slice, int minutesBeforeLatest) {
    Record row = GenericRecord.create(QoeTables.DWD_OPS_EVENTS.schema());
    row.setField("source", source);
    row.setField("event_time", LATEST_HOUR.minusMinutes(minutesBeforeLatest));
    row.setField("slice", slice);
    return row;
  }
}
