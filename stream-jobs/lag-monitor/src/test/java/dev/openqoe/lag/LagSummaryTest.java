package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagSummaryTest {

  private static final long NOW = 1_000_000;

  private static TopicLag lag(WatchedTopic watched, long position, long ageMillis) {
    return new TopicLag(
        watched, List.of(new PartitionLag(0, position, 0, 100, NOW - ageMillis)), 3_600_000, NOW);
  }

  @Test
  void namesTheWorstGroupAndTheWorstPinotTableFromTheServedMetrics() {
    LagMetrics metrics = new LagMetrics();
    metrics.measured(
        lag(WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1"), 88, 2_400), false, 0);
    metrics.measured(
        lag(WatchedTopic.group("qoe-pipeline-rejected", "qoe.beacons.dlq"), 99, 900), false, 0);
    metrics.measured(
        lag(WatchedTopic.pinotTable("qoe_sessions", "qoe.sessions.v1"), 100, 0), false, 0);
    metrics.measured(
        lag(WatchedTopic.pinotTable("qoe_intervals", "qoe.intervals.v1"), 97, 1_300), false, 0);

    assertThat(LagSummary.of(metrics.render()))
        .isEqualTo(
            "lag: Kafka groups 2.4 s (worst: qoe-pipeline-beacons on qoe.beacons.v1, 12 records"
                + " unread); Pinot 1.3 s (worst: qoe_intervals, 3 records unread); retention ok");
  }

  @Test
  void saysWhoIsAtRiskAndWhoLostRecords() {
    LagMetrics metrics = new LagMetrics();
    WatchedTopic beacons = WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1");
    metrics.measured(
        new TopicLag(beacons, List.of(new PartitionLag(0, 10, 40, 100, NOW - 3_000)), 4_000, NOW),
        true,
        30);

    assertThat(LagSummary.of(metrics.render()))
        .isEqualTo(
            "lag: Kafka groups 3.0 s (worst: qoe-pipeline-beacons on qoe.beacons.v1, 60 records"
                + " unread); LOST UNREAD: qoe-pipeline-beacons on qoe.beacons.v1 (30 records);"
                + " AT RISK of retention: qoe-pipeline-beacons on qoe.beacons.v1");
  }

  @Test
  void beforeAnyMeasurementItSaysSo() {
    assertThat(LagSummary.of("# nothing yet\n")).isEqualTo("lag: no consumer measured yet");
  }
}
