package dev.openqoe.kafka;

import dev.openqoe.ops.OpsEvent;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.IngestedBeaconAvro;
import dev.openqoe.protocol.OpsEventAvro;
import dev.openqoe.protocol.OpsRejectedAvro;
import dev.openqoe.protocol.RejectedBeacon;
import dev.openqoe.protocol.RejectedBeaconAvro;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Kafka topic of OpenQoE. Topic names appear nowhere else in the code base: components take
 * them, and their serdes, from here.
 */
public final class QoeTopics {

  /** Valid beacons, keyed by session id so one session stays in order in one partition. */
  public static final QoeTopic<String, IngestedBeacon> BEACONS =
      new QoeTopic<>(
          "qoe.beacons.v1",
          Serdes.String(),
          AvroSerde.of(IngestedBeaconAvro::encode, IngestedBeaconAvro::decode),
          6,
          "valid protocol-v1 beacons with their receipt (Avro ingested_beacon), key session_id");

  /** Input the collector rejected, with the reason; keyed by property id. */
  public static final QoeTopic<String, RejectedBeacon> BEACONS_DLQ =
      new QoeTopic<>(
          "qoe.beacons.dlq",
          Serdes.String(),
          AvroSerde.of(RejectedBeaconAvro::encode, RejectedBeaconAvro::decode),
          1,
          "rejected beacons with payload and reason (Avro rejected_beacon), key property_id");

  /**
   * Closed sessions for the real-time layer: one JSON object per session with the columns of
   * dwd.sessions (timestamps as epoch milliseconds), written in Kafka transactions by the pipeline,
   * so consumers read with isolation.level=read_committed. JSON because Pinot ingests it natively.
   */
  public static final QoeTopic<String, String> SESSIONS =
      new QoeTopic<>(
          "qoe.sessions.v1",
          Serdes.String(),
          Serdes.String(),
          6,
          "closed sessions as JSON with the columns of dwd.sessions, key session_id");

  /**
   * Each closed session's delivery record and failure stage, as JSON with the columns of
   * dwd.session_delivery, one record per revision. Keyed by session_id so every revision of a
   * session lands in one partition (Pinot's upsert keeps the newest).
   */
  public static final QoeTopic<String, String> SESSION_DELIVERY =
      new QoeTopic<>(
          "qoe.session-delivery.v1",
          Serdes.String(),
          Serdes.String(),
          6,
          "sessions linked to the delivery chain as JSON with the columns of dwd.session_delivery, key session_id");

  /**
   * Per-interval session facts, like {@link #SESSIONS} but with the columns of
   * dwd.session_intervals.
   */
  public static final QoeTopic<String, String> INTERVALS =
      new QoeTopic<>(
          "qoe.intervals.v1",
          Serdes.String(),
          Serdes.String(),
          6,
          "per-interval session facts as JSON with the columns of dwd.session_intervals, key session_id");

  /**
   * CloudFront standard logs as the CDN wrote them: each record a log file or a run of its lines,
   * with its {@code #Fields} header (stream-jobs/delivery-chain/README.md). Raw topics hold the
   * bytes as written (UTF-8 text; the normaliser refuses other bytes with the reason). Any key.
   */
  public static final QoeTopic<String, byte[]> OPS_RAW_CLOUDFRONT =
      new QoeTopic<>(
          "qoe.ops.raw.cloudfront",
          Serdes.String(),
          Serdes.ByteArray(),
          6,
          "CloudFront standard log files or runs of their lines, as written (text)");

  /**
   * MediaConvert job state changes as EventBridge delivers them: a record holds one JSON event, a
   * JSON array of them, or one per line.
   */
  public static final QoeTopic<String, byte[]> OPS_RAW_MEDIACONVERT =
      new QoeTopic<>(
          "qoe.ops.raw.mediaconvert",
          Serdes.String(),
          Serdes.ByteArray(),
          1,
          "MediaConvert Job State Change events from EventBridge, as delivered (JSON)");

  /**
   * CloudFront real-time log records as Kinesis Data Streams delivers them: one tab-separated line
   * per request, no header, the fields in the order the real-time log configuration lists them (the
   * normaliser is told that order). A record may hold several lines.
   */
  public static final QoeTopic<String, byte[]> OPS_RAW_CLOUDFRONT_REALTIME =
      new QoeTopic<>(
          "qoe.ops.raw.cloudfront-realtime",
          Serdes.String(),
          Serdes.ByteArray(),
          3,
          "CloudFront real-time log records (tab-separated lines in the configured field order)");

  /**
   * Requests of other CDNs in the documented JSON form: a record holds one object, a JSON array of
   * them, or one per line.
   */
  public static final QoeTopic<String, byte[]> OPS_RAW_CDN =
      new QoeTopic<>(
          "qoe.ops.raw.cdn",
          Serdes.String(),
          Serdes.ByteArray(),
          3,
          "CDN access log lines in OpenQoE's JSON form, as written");

  /**
   * Job events of other encoders and packagers in the documented JSON form: a record holds one
   * object, a JSON array of them, or one per line.
   */
  public static final QoeTopic<String, byte[]> OPS_RAW_TRANSCODE =
      new QoeTopic<>(
          "qoe.ops.raw.transcode",
          Serdes.String(),
          Serdes.ByteArray(),
          1,
          "transcode and packaging job events in OpenQoE's JSON form, as written");

  /**
   * DRM license server log lines in the documented JSON form: a record holds one object, a JSON
   * array of them, or one per line.
   */
  public static final QoeTopic<String, byte[]> OPS_RAW_DRM =
      new QoeTopic<>(
          "qoe.ops.raw.drm",
          Serdes.String(),
          Serdes.ByteArray(),
          3,
          "DRM license server log lines (JSON), as written");

  /**
   * Delivery-chain events in canonical form, keyed by what their health is aggregated by (CDN and
   * edge, DRM system and region, content), so the per-minute aggregates need no repartition.
   */
  public static final QoeTopic<String, OpsEvent> OPS_EVENTS =
      new QoeTopic<>(
          "qoe.ops.events.v1",
          Serdes.String(),
          AvroSerde.of(OpsEventAvro::encode, OpsEventAvro::decode),
          6,
          "canonical delivery-chain events (Avro ops_event), key the health slice");

  /** Delivery-chain records that could not be read, with the reason; keyed by format. */
  public static final QoeTopic<String, OpsRejected> OPS_DLQ =
      new QoeTopic<>(
          "qoe.ops.dlq",
          Serdes.String(),
          AvroSerde.of(OpsRejectedAvro::encode, OpsRejectedAvro::decode),
          1,
          "unreadable delivery-chain records with the reason (Avro ops_rejected), key format");

  /**
   * Per-minute health of each delivery-chain slice (CDN edge, DRM system and region, content and
   * rendition), one JSON object per slice and closed minute, key the slice. JSON because Pinot
   * ingests it natively.
   */
  public static final QoeTopic<String, String> OPS_HEALTH =
      new QoeTopic<>(
          "qoe.ops.health.v1",
          Serdes.String(),
          Serdes.String(),
          3,
          "per-minute delivery-chain health per slice as JSON, key the slice");

  /**
   * The SLO evaluator's alert log: one JSON object per transition of an alert (firing, resolved),
   * flat with snake_case columns (stream-jobs/slo-evaluator/README.md), key the alert id. The
   * evaluator reads it back at start to know which alerts are firing, so its retention must outlast
   * the longest an alert fires. One partition: transitions are few, and one order is simplest to
   * read back.
   */
  public static final QoeTopic<String, String> SLO_ALERTS =
      new QoeTopic<>(
          "qoe.slo.alerts.v1",
          Serdes.String(),
          Serdes.String(),
          1,
          "SLO burn-rate alert transitions (firing, resolved) as JSON, key alert_id");

  public static final List<QoeTopic<?, ?>> ALL =
      List.of(
          BEACONS,
          BEACONS_DLQ,
          SESSIONS,
          INTERVALS,
          SESSION_DELIVERY,
          OPS_RAW_CLOUDFRONT,
          OPS_RAW_CLOUDFRONT_REALTIME,
          OPS_RAW_CDN,
          OPS_RAW_MEDIACONVERT,
          OPS_RAW_TRANSCODE,
          OPS_RAW_DRM,
          OPS_EVENTS,
          OPS_DLQ,
          OPS_HEALTH,
          SLO_ALERTS);

  /** The raw delivery-chain feeds: what producers write, or POST to the collector. */
  public static final List<OpsFeed> OPS_FEEDS =
      List.of(
          new OpsFeed("cloudfront", OPS_RAW_CLOUDFRONT),
          new OpsFeed("cloudfront-realtime", OPS_RAW_CLOUDFRONT_REALTIME),
          new OpsFeed("cdn", OPS_RAW_CDN),
          new OpsFeed("mediaconvert", OPS_RAW_MEDIACONVERT),
          new OpsFeed("transcode", OPS_RAW_TRANSCODE),
          new OpsFeed("drm", OPS_RAW_DRM));

  private QoeTopics() {}

  /** The raw feed of that name ({@code POST /v1/ops/<name>}), if there is one. */
  public static Optional<OpsFeed> opsFeed(String name) {
    return OPS_FEEDS.stream().filter(feed -> feed.name().equals(name)).findFirst();
  }

  public static Optional<QoeTopic<?, ?>> byName(String name) {
    return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
  }
}
