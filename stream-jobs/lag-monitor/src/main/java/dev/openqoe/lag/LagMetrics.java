package dev.openqoe.lag;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The monitor's Prometheus metrics, one series of each per consumer and topic (labels {@code
 * consumer}, {@code kind}, {@code topic}): the consumers are configured, never discovered, so the
 * series count is fixed.
 */
public final class LagMetrics {

  static final String LAG_SECONDS = "qoe_lag_seconds";
  static final String LAG_RECORDS = "qoe_lag_records";
  static final String RETENTION_SECONDS = "qoe_lag_retention_seconds";
  static final String HEADROOM_SECONDS = "qoe_lag_retention_headroom_seconds";
  static final String AT_RISK = "qoe_lag_retention_at_risk";
  static final String DELETED_UNREAD = "qoe_lag_deleted_unread_records";
  static final String LOST = "qoe_lag_lost_records";
  static final String FAILURES = "qoe_lag_measurement_failures";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

  private final Gauge lagSeconds =
      gauge(
          LAG_SECONDS,
          "Age of the oldest record the consumer has not read yet, worst partition; 0 when it has"
              + " read everything");
  private final Gauge lagRecords =
      gauge(LAG_RECORDS, "Records written and not read yet by the consumer, all partitions");
  private final Gauge retentionSeconds =
      gauge(RETENTION_SECONDS, "The topic's retention.ms in seconds; +Inf when it keeps forever");
  private final Gauge headroomSeconds =
      gauge(
          HEADROOM_SECONDS,
          "Retention minus lag: how much further the consumer may fall behind before Kafka may"
              + " delete what it has not read");
  private final Gauge atRisk =
      gauge(
          AT_RISK,
          "1 while the lag exceeds the configured share of the retention (a WARN is logged), else"
              + " 0");
  private final Gauge deletedUnread =
      gauge(
          DELETED_UNREAD,
          "Records deleted below the consumer's position now: it never read them and will skip"
              + " them (an ERROR is logged)");
  private final Counter lost =
      Counter.builder()
          .name(LOST)
          .help("Records deleted before the consumer read them, each counted once")
          .labelNames("consumer", "kind", "topic")
          .register(registry);
  private final Counter failures =
      Counter.builder()
          .name(FAILURES)
          .help("Rounds in which the consumer's lag could not be measured (logged with the reason)")
          .labelNames("consumer", "kind", "topic")
          .register(registry);

  /**
   * Every series of {@code watched} at 0, so a dashboard sees a consumer before its first round.
   */
  public void watch(WatchedTopic watched) {
    String[] labels = labels(watched);
    for (Gauge gauge :
        new Gauge[] {
          lagSeconds, lagRecords, retentionSeconds, headroomSeconds, atRisk, deletedUnread
        }) {
      gauge.labelValues(labels);
    }
    lost.labelValues(labels);
    failures.labelValues(labels);
  }

  public void measured(TopicLag lag, boolean risk, long newlyLost) {
    String[] labels = labels(lag.watched());
    lagSeconds.labelValues(labels).set(lag.lagSeconds());
    lagRecords.labelValues(labels).set(lag.lagRecords());
    retentionSeconds.labelValues(labels).set(lag.retentionSeconds());
    headroomSeconds.labelValues(labels).set(lag.headroomSeconds());
    atRisk.labelValues(labels).set(risk ? 1 : 0);
    deletedUnread.labelValues(labels).set(lag.deletedUnread());
    lost.labelValues(labels).inc(newlyLost);
  }

  public void failed(WatchedTopic watched) {
    failures.labelValues(labels(watched)).inc();
  }

  /** The Prometheus text exposition format, as {@code GET /metrics} serves it. */
  public String render() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public String contentType() {
    return writer.getContentType();
  }

  private Gauge gauge(String name, String help) {
    return Gauge.builder()
        .name(name)
        .help(help)
        .labelNames("consumer", "kind", "topic")
        .register(registry);
  }

  private static String[] labels(WatchedTopic watched) {
    return new String[] {watched.consumer(), watched.kind().label(), watched.topic()};
  }
}
