package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagMetricsTest {

  private static final WatchedTopic BEACONS =
      WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1");
  private static final String LABELS =
      "{consumer=\"qoe-pipeline-beacons\",kind=\"kafka-group\",topic=\"qoe.beacons.v1\"}";

  @Test
  void rendersEverySeriesOfAMeasurementInTheTextFormat() {
    LagMetrics metrics = new LagMetrics();
    metrics.watch(BEACONS);
    TopicLag lag =
        new TopicLag(BEACONS, List.of(new PartitionLag(0, 10, 40, 100, 96_000)), 120_000, 100_000);
    metrics.measured(lag, true, 30);

    assertThat(metrics.render())
        .contains("# TYPE qoe_lag_seconds gauge")
        .contains("qoe_lag_seconds" + LABELS + " 4.0")
        .contains("qoe_lag_records" + LABELS + " 60.0")
        .contains("qoe_lag_retention_seconds" + LABELS + " 120.0")
        .contains("qoe_lag_retention_headroom_seconds" + LABELS + " 116.0")
        .contains("qoe_lag_retention_at_risk" + LABELS + " 1.0")
        .contains("qoe_lag_deleted_unread_records" + LABELS + " 30.0")
        .contains("qoe_lag_lost_records_total" + LABELS + " 30.0")
        .contains("qoe_lag_measurement_failures_total" + LABELS + " 0.0");
  }

  @Test
  void aWatchedConsumerHasItsSeriesBeforeItsFirstMeasurementAndFailuresAreCounted() {
    LagMetrics metrics = new LagMetrics();
    WatchedTopic sessions = WatchedTopic.pinotTable("qoe_sessions", "qoe.sessions.v1");
    metrics.watch(sessions);
    metrics.failed(sessions);
    metrics.failed(sessions);

    String labels = "{consumer=\"qoe_sessions\",kind=\"pinot-table\",topic=\"qoe.sessions.v1\"}";
    assertThat(metrics.render())
        .contains("qoe_lag_seconds" + labels + " 0.0")
        .contains("qoe_lag_retention_at_risk" + labels + " 0.0")
        .contains("qoe_lag_measurement_failures_total" + labels + " 2.0");
  }

  @Test
  void aTopicKeptForeverHasInfiniteRetentionAndHeadroom() {
    LagMetrics metrics = new LagMetrics();
    metrics.measured(
        new TopicLag(BEACONS, List.of(new PartitionLag(0, 0, 0, 0, -1)), -1, 0), false, 0);

    assertThat(metrics.render())
        .contains("qoe_lag_retention_seconds" + LABELS + " +Inf")
        .contains("qoe_lag_retention_headroom_seconds" + LABELS + " +Inf");
  }
}
