package dev.openqoe.warehouse;

import java.util.List;
import org.apache.iceberg.types.Types;

/**
 * The warehouse: ODS (beacons as received) -> DWD (cleaned session and interval facts) -> DWS
 * (additive aggregates, from which every rate is re-derived). Column meanings follow
 * schemas/README.md and stream-jobs/session-model/README.md.
 */
public final class QoeTables {

  private static final Types.StringType STRING = Types.StringType.get();
  private static final Types.LongType LONG = Types.LongType.get();
  private static final Types.IntegerType INT = Types.IntegerType.get();
  private static final Types.BooleanType BOOLEAN = Types.BooleanType.get();
  private static final Types.DoubleType DOUBLE = Types.DoubleType.get();
  private static final Types.TimestampType TIMESTAMP = Types.TimestampType.withZone();
  private static final Types.BinaryType BINARY = Types.BinaryType.get();

  public static final TableDefinition ODS_BEACONS =
      TableDefinition.builder(
              "ods", "player_beacons", "Valid beacons as received, with ingest metadata")
          .columns(QoeTables::beaconColumns)
          .columns(QoeTables::receiptColumns)
          .columns(QoeTables::cmcdColumns)
          .partitionedBy(spec -> spec.hour("received_at"));

  public static final TableDefinition ODS_REJECTED =
      TableDefinition.builder(
              "ods", "rejected_beacons", "Input the collector rejected, with the reason")
          .required("payload", STRING, "the rejected input as received")
          .required("reason", STRING, "why it was rejected, as told to the client")
          .optional("field", STRING, "the offending field, when one is to blame")
          .optional("batch_index", INT, "position in its batch")
          .required("property_id", STRING, null)
          .required("received_at", TIMESTAMP, null)
          .required("source", STRING, "beacon or cmcd")
          .optional("client_ip", STRING, "anonymised: IPv4 /24, IPv6 /48")
          .optional("user_agent", STRING)
          .partitionedBy(spec -> spec.day("received_at"));

  public static final TableDefinition DWD_SESSIONS =
      TableDefinition.builder(
              "dwd", "sessions", "One row per closed session: QoE facts and dimensions")
          .required("session_id", STRING, null)
          .required("started_at", TIMESTAMP, "ts of the first beacon (client clock)")
          .required("ended_at", TIMESTAMP, "ts of the ending beacon, or the last one on timeout")
          .required("ended_by", STRING, "end, error or timeout")
          .required("attempt", BOOLEAN, "a play_request or first_frame was seen")
          .optional(
              "startup_outcome", STRING, "started, vsf, vsf_business, ebvs; null: not an attempt")
          .optional("vst_ms", LONG, "video startup time without ad time")
          .required("play_ms", LONG, null)
          .required("rebuffer_ms", LONG, null)
          .required("rebuffer_count", INT, null)
          .optional("rbr", DOUBLE, "rebuffer_ms / (play_ms + rebuffer_ms)")
          .required("ad_ms", LONG, null)
          .required("seek_count", INT, null)
          .required("error_count", INT, null)
          .required("bitrate_switches", INT, null)
          .optional("avg_bitrate_kbps", DOUBLE, "weighted by PLAYING time with a known bitrate")
          .required("vpf", BOOLEAN, "fatal technical error after first frame")
          .required("vpf_business", BOOLEAN, "fatal business error after first frame")
          .columns(QoeTables::dimensionColumns)
          .stringMap("custom", "player-defined dimensions, at most 10")
          .columns(QoeTables::ingestDimensionColumns)
          .required("closed_at", TIMESTAMP, "collector-clock time the session was closed")
          .partitionedBy(spec -> spec.day("ended_at"));

  public static final TableDefinition DWD_INTERVALS =
      TableDefinition.builder(
              "dwd", "session_intervals", "Per session, per fixed interval of client time")
          .required("session_id", STRING, null)
          .required("interval_start", TIMESTAMP, "start of the interval (client clock)")
          .required("interval_ms", LONG, "length of the interval")
          .required("play_ms", LONG, null)
          .required("rebuffer_ms", LONG, null)
          .required("ad_ms", LONG, null)
          .required("rebuffer_starts", INT, null)
          .required(
              "bitrate_kbps_ms",
              DOUBLE,
              "sum of bitrate x ms over PLAYING time with a known bitrate")
          .required("bitrate_known_ms", LONG, "PLAYING time with a known bitrate")
          .required(
              "state_at_end",
              STRING,
              "playback state at the end, 'ended' if the session ended in it")
          .optional("startup_outcome", STRING, "on the interval where startup was decided")
          .optional("vst_ms", LONG, "on the interval of the first frame")
          .optional(
              "playback_failure", STRING, "vpf or vpf_business, on the interval of the fatal error")
          .columns(QoeTables::dimensionColumns)
          .columns(QoeTables::ingestDimensionColumns)
          .partitionedBy(spec -> spec.hour("interval_start"));

  public static final TableDefinition DWD_LATE =
      TableDefinition.builder(
              "dwd", "late_beacons", "Valid beacons that arrived after their session was closed")
          .columns(QoeTables::beaconColumns)
          .columns(QoeTables::receiptColumns)
          .required("reason", STRING, "why the session did not take it")
          .columns(QoeTables::cmcdColumns)
          .partitionedBy(spec -> spec.day("received_at"));

  public static final TableDefinition DWS_MINUTE = aggregate("qoe_minute", "per minute");

  public static final TableDefinition DWS_HOUR = aggregate("qoe_hour", "per hour");

  public static final TableDefinition ODS_OPS_RAW =
      TableDefinition.builder(
              "ods",
              "ops_raw",
              "Delivery-chain records (CDN logs, job events, license logs) as received")
          .required(
              "feed", STRING, "cloudfront, cloudfront-realtime, cdn, mediaconvert, transcode, drm")
          .required("received_at", TIMESTAMP, "when the record reached Kafka")
          .optional(
              "property_id",
              STRING,
              "the collector property that sent it; null when written to Kafka directly")
          .required("raw", STRING, "the record as UTF-8 text")
          .required("raw_is_utf8", BOOLEAN, "false: the record is not UTF-8 and raw_bytes holds it")
          .optional("raw_bytes", BINARY, "the record's bytes, kept only when they are not UTF-8")
          .required("kafka_partition", INT, null)
          .required("kafka_offset", LONG, null)
          .partitionedBy(spec -> spec.day("received_at").identity("feed"));

  public static final TableDefinition ODS_OPS_REJECTED =
      TableDefinition.builder(
              "ods",
              "ops_rejected",
              "Delivery-chain records the normaliser could not read, with the reason")
          .required("format", STRING, "the format it was read as")
          .required("raw", STRING, "the record as received, at most 64 KiB of it")
          .required("reason", STRING, "why it was refused")
          .required("received_at", TIMESTAMP, "when the raw record reached Kafka")
          .partitionedBy(spec -> spec.day("received_at").identity("format"));

  public static final TableDefinition DWD_OPS_EVENTS =
      TableDefinition.builder(
              "dwd", "ops_events", "Delivery-chain events in canonical form (Avro ops_event)")
          .required("source", STRING, "cdn, transcode or drm")
          .required("format", STRING, "the input format it was read from")
          .required("event_time", TIMESTAMP, "when it happened, by the source's clock")
          .required(
              "slice",
              STRING,
              "what its health is aggregated by: cdn|<cdn>|<edge>, drm|<system>|<region>, transcode|<content>|<rendition>")
          .optional(
              "session_id", STRING, "the player session (CMCD sid, or forwarded by the DRM proxy)")
          .optional("content_id", STRING)
          .optional("cdn", STRING)
          .optional("edge", STRING, "CDN edge location or POP")
          .optional("client_ip", STRING, "anonymised: IPv4 /24, IPv6 /48")
          .optional("status_code", INT, "HTTP status of a CDN request")
          .optional("bytes", LONG)
          .optional("ttfb_ms", LONG)
          .optional("time_taken_ms", LONG)
          .optional("cache_result", STRING, "hit, miss, refresh_hit, error...")
          .optional("uri", STRING, "path of a CDN request, no query")
          .optional("object_type", STRING, "CMCD ot")
          .optional("stage", STRING, "transcode or package")
          .optional("job_id", STRING)
          .optional("job_status", STRING, "submitted, progressing, complete, error, canceled")
          .optional("rendition", STRING)
          .optional("duration_ms", LONG, "how long the job ran")
          .optional("drm_system", STRING, "widevine, playready, fairplay")
          .optional("key_id", STRING)
          .optional("outcome", STRING, "DRM license outcome: granted, denied, error")
          .optional("latency_ms", LONG, "DRM license latency")
          .optional("region", STRING)
          .optional("error_code", STRING)
          .optional("error_message", STRING)
          .partitionedBy(spec -> spec.day("event_time").identity("source"));

  public static final TableDefinition DWS_OPS_MINUTE =
      TableDefinition.builder(
              "dws", "ops_minute", "Delivery-chain health per minute of event time and slice")
          .required("window_start", TIMESTAMP, null)
          .required("window_end", TIMESTAMP, null)
          .required(
              "slice",
              STRING,
              "cdn|<cdn>|<edge>, drm|<system>|<region>, transcode|<content>|<rendition>")
          .required("source", STRING, "cdn, drm or transcode")
          .optional("cdn", STRING)
          .optional("edge", STRING)
          .optional("drm_system", STRING)
          .optional("region", STRING)
          .optional("content_id", STRING)
          .optional("rendition", STRING)
          .required("requests", LONG, "CDN requests")
          .required("status_4xx", LONG, null)
          .required("status_5xx", LONG, null)
          .required("cache_misses", LONG, null)
          .required("bytes", LONG, null)
          .optional("ttfb_p50_ms", LONG, "within 10 % (LatencyHistogram buckets)")
          .optional("ttfb_p95_ms", LONG, null)
          .optional("time_taken_p50_ms", LONG, null)
          .optional("time_taken_p95_ms", LONG, null)
          .required("license_requests", LONG, null)
          .required("license_denials", LONG, null)
          .required("license_errors", LONG, null)
          .optional("license_latency_p95_ms", LONG, null)
          .required("job_events", LONG, "transcode and packaging job events")
          .required("job_failures", LONG, "job events with status error")
          .partitionedBy(spec -> spec.day("window_start").identity("source"));

  /**
   * The SLO evaluator's alert log, {@code qoe.slo.alerts.v1}, as it is: one row per transition,
   * columns named and typed as its JSON records (stream-jobs/slo-evaluator/README.md), times as
   * timestamps instead of epoch milliseconds.
   */
  public static final TableDefinition DWS_SLO_ALERTS =
      TableDefinition.builder(
              "dws",
              "slo_alerts",
              "SLO burn-rate alert transitions (firing, resolved) of the SLO evaluator, one row"
                  + " each")
          .required(
              "alert_id",
              STRING,
              "<property>/<slo>/<severity>[/<slice>], e.g. dev/start-success/page/cdn=fastly")
          .required("property_id", STRING, null)
          .required("slo", STRING, "the SLO's name in the SLO file")
          .optional("sli", STRING, "start_success, ebvs, startup_time, rebuffering, ...")
          .required("severity", STRING, "page or ticket")
          .required(
              "slice",
              STRING,
              "the SLO's by dimensions in order, cdn=fastly,country=BR; empty without")
          .required("status", STRING, "firing or resolved")
          .required(
              "starts_at", TIMESTAMP, "when the alert started firing (the same when resolved)")
          .optional("ends_at", TIMESTAMP, "when it resolved; null in firing rows")
          .required("event_at", TIMESTAMP, "the evaluation that made the transition")
          .optional("objective", DOUBLE, "the SLO's objective, e.g. 0.99")
          .optional("error_ratio", DOUBLE, "the bad share of events over the rule's long window")
          .optional("long_window_burn_rate", DOUBLE, null)
          .optional("short_window_burn_rate", DOUBLE, null)
          .optional(
              "rule_burn_rate",
              DOUBLE,
              "the deciding rule's threshold: the rule that fired (or, resolved, came closest)")
          .optional("rule_long_window_minutes", LONG, null)
          .optional("rule_short_window_minutes", LONG, null)
          .optional("summary", STRING, "one sentence, as Alertmanager gets it")
          .optional("description", STRING, "what the SLO asks, how its alerts fire and resolve")
          .optional("explain", STRING, "the slice's metric over both windows, with its events")
          .optional("dashboard_url", STRING, "the dashboard on the slice and the rule's window")
          .partitionedBy(spec -> spec.day("event_at"));

  public static final TableDefinition DWD_SESSION_DELIVERY =
      TableDefinition.builder(
              "dwd",
              "session_delivery",
              "What the delivery chain recorded of each closed session that failed or has linked"
                  + " CDN or license records, and the stage a failure is attributed to. A session"
                  + " gets a new revision when late delivery events change it: the newest revision"
                  + " is its record")
          .required("session_id", STRING, null)
          .optional("property_id", STRING)
          .required("ended_at", TIMESTAMP, "when the session ended (as in dwd.sessions)")
          .required("revision", INT, "1 when the session closed, then +1 per later change")
          .required("updated_at", TIMESTAMP, "when this revision was made, by the pipeline's clock")
          .optional("asset_id", STRING)
          .optional("cdn", STRING)
          .optional("drm_system", STRING)
          .optional("country", STRING, "the session's dimensions, as in dwd.sessions")
          .optional("region", STRING)
          .optional("asn", LONG)
          .optional("device_type", STRING)
          .optional("os", STRING)
          .optional("player_name", STRING)
          .optional("player_version", STRING)
          .optional("stream_type", STRING)
          .optional("startup_outcome", STRING, "as in dwd.sessions")
          .optional("vpf", BOOLEAN, "as in dwd.sessions")
          .optional("rebuffer_count", INT, "as in dwd.sessions")
          .optional("vst_ms", LONG, "as in dwd.sessions")
          .required("failed", BOOLEAN, "a technical start or playback failure (VSF or VPF)")
          .optional(
              "failure_stage", STRING, "player, cdn, drm, transcode or unknown; null if not failed")
          .optional("failure_evidence", STRING, "the facts that decided failure_stage")
          .optional(
              "failure_linked",
              BOOLEAN,
              "failure_stage was decided by records linked to the session itself")
          .optional("fatal_error_code", STRING, "the player's fatal technical error code")
          .required("cdn_requests", INT, "CDN requests carrying the session's CMCD session id")
          .required("cdn_4xx", INT, null)
          .required("cdn_5xx", INT, null)
          .required("cdn_cache_misses", INT, null)
          .optional("cdn_worst_ttfb_ms", LONG, "longest time to first byte of its requests")
          .optional("cdn_edges", STRING, "edge locations that served it, comma-separated")
          .optional(
              "cdn_not_found_paths", STRING, "directories of its requests answered 404 or 410")
          .required("license_requests", INT, "license requests logged with its session id")
          .optional("license_outcome", STRING, "the worst: error, denied, granted")
          .optional("license_error_code", STRING, null)
          .optional("license_worst_latency_ms", LONG, null)
          .optional("license_drm_system", STRING, null)
          .optional("license_region", STRING, null)
          .optional(
              "asset_failed_renditions",
              STRING,
              "renditions of its asset whose latest transcode job failed, when it was decided")
          .optional("first_delivery_at", TIMESTAMP, "its earliest linked delivery event")
          .optional("last_delivery_at", TIMESTAMP, "its latest linked delivery event")
          .partitionedBy(spec -> spec.day("ended_at"));

  public static final List<TableDefinition> ALL =
      List.of(
          ODS_BEACONS,
          ODS_REJECTED,
          DWD_SESSIONS,
          DWD_INTERVALS,
          DWD_LATE,
          DWS_MINUTE,
          DWS_HOUR,
          ODS_OPS_RAW,
          ODS_OPS_REJECTED,
          DWD_OPS_EVENTS,
          DWS_OPS_MINUTE,
          DWD_SESSION_DELIVERY,
          DWS_SLO_ALERTS);

  /** The dimensions DWS aggregates by, in column order. */
  public static final List<String> AGGREGATE_DIMENSIONS =
      List.of(
          "property_id",
          "cdn",
          "country",
          "asn",
          "device_type",
          "os",
          "player_name",
          "player_version",
          "asset_id",
          "stream_type",
          "drm_system");

  private QoeTables() {}

  private static TableDefinition aggregate(String name, String grain) {
    return TableDefinition.builder(
            "dws", name, "Additive QoE totals of closed sessions " + grain + " and dimensions")
        .required("window_start", TIMESTAMP, "start of the window (collector clock at close)")
        .optional("property_id", STRING)
        .optional("cdn", STRING)
        .optional("country", STRING)
        .optional("asn", LONG)
        .optional("device_type", STRING)
        .optional("os", STRING)
        .optional("player_name", STRING)
        .optional("player_version", STRING)
        .optional("asset_id", STRING)
        .optional("stream_type", STRING)
        .optional("drm_system", STRING)
        .required("sessions", LONG, null)
        .required("attempts", LONG, null)
        .required("started", LONG, null)
        .required("vsf", LONG, null)
        .required("vsf_business", LONG, null)
        .required("ebvs", LONG, null)
        .required("vpf", LONG, null)
        .required("vpf_business", LONG, null)
        .required("play_ms", LONG, null)
        .required("rebuffer_ms", LONG, null)
        .required("rebuffer_count", LONG, null)
        .required("ad_ms", LONG, null)
        .required("error_count", LONG, null)
        .required("bitrate_weighted_play_ms", DOUBLE, "sum of avg_bitrate_kbps x play_ms")
        .required("bitrate_play_ms", LONG, "play_ms of sessions with a known bitrate")
        .required("vst_count", LONG, "started sessions with a startup time")
        .required("vst_sum_ms", LONG, null)
        .longList(
            "vst_histogram",
            "startup-time counts per bucket; bucket upper bounds in StartupTimeHistogram")
        .partitionedBy(spec -> spec.day("window_start"));
  }

  private static TableDefinition.Builder beaconColumns(TableDefinition.Builder t) {
    return t.required("session_id", STRING, null)
        .required("seq", LONG, null)
        .required("type", STRING, null)
        .required("ts", TIMESTAMP, "client clock")
        .optional("bitrate_kbps", INT)
        .optional("playhead_ms", LONG)
        .optional("error_code", STRING)
        .optional("error_fatal", BOOLEAN)
        .optional("error_category", STRING)
        .columns(QoeTables::dimensionColumns)
        .stringMap("custom", "player-defined dimensions, at most 10");
  }

  /** Last, so that tables created before them get them appended in the same order. */
  private static TableDefinition.Builder cmcdColumns(TableDefinition.Builder t) {
    return t.optional("cmcd_mode", STRING, "cmcd beacons: event or request")
        .optional("cmcd_sn", LONG, "cmcd beacons: the report's sn, counted per mode")
        .optional("cmcd_sta", STRING, "cmcd beacons: the player state sta")
        .optional("cmcd_e", STRING, "cmcd beacons: the event type e")
        .optional("cmcd_report", STRING, "cmcd beacons: the CMCD report as received");
  }

  private static TableDefinition.Builder dimensionColumns(TableDefinition.Builder t) {
    return t.optional("viewer_id", STRING)
        .optional("asset_id", STRING)
        .optional("stream_type", STRING)
        .optional("player_name", STRING)
        .optional("player_version", STRING)
        .optional("device_type", STRING)
        .optional("os", STRING)
        .optional("app_version", STRING)
        .optional("cdn", STRING)
        .optional("drm_system", STRING);
  }

  private static TableDefinition.Builder receiptColumns(TableDefinition.Builder t) {
    return t.required("received_at", TIMESTAMP, "collector clock")
        .required("property_id", STRING, null)
        .required("source", STRING, "beacon or cmcd")
        .optional("client_ip", STRING, "anonymised: IPv4 /24, IPv6 /48")
        .optional("country", STRING)
        .optional("region", STRING)
        .optional("asn", LONG)
        .optional("ua_browser", STRING)
        .optional("ua_browser_version", STRING)
        .optional("ua_os", STRING)
        .optional("ua_os_version", STRING)
        .optional("ua_device", STRING);
  }

  private static TableDefinition.Builder ingestDimensionColumns(TableDefinition.Builder t) {
    return t.optional("property_id", STRING)
        .optional("country", STRING)
        .optional("region", STRING)
        .optional("asn", LONG)
        .optional("ua_browser", STRING)
        .optional("ua_os", STRING)
        .optional("ua_device", STRING);
  }
}
