package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LagRoundTest {

  private static final WatchedTopic BEACONS =
      WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1");
  private static final WatchedTopic SESSIONS =
      WatchedTopic.pinotTable("qoe_sessions", "qoe.sessions.v1");

  @Test
  void eachRoundWarnsWhileAtRiskReportsALossOnceAndGoesOnPastAConsumerItCannotMeasure() {
    Map<WatchedTopic, Deque<PartitionLag>> script =
        Map.of(
            BEACONS,
            new ArrayDeque<>(
                List.of(
                    new PartitionLag(0, 10, 40, 100, 40_000),
                    new PartitionLag(0, 10, 40, 100, 40_000))));
    LagMetrics metrics = new LagMetrics();
    LagRound round =
        new LagRound(
            List.of(SESSIONS, BEACONS),
            watched -> {
              if (watched.equals(SESSIONS)) {
                throw new IllegalStateException("Pinot is unreachable at http://127.0.0.1:9000");
              }
              return new TopicLag(watched, List.of(script.get(watched).pop()), 100_000, 100_000);
            },
            new RetentionRule(0.5),
            metrics);

    LagRound.Result first = round.run();
    assertThat(first.lags()).extracting(TopicLag::watched).containsExactly(BEACONS);
    assertThat(first.findings())
        .extracting(Finding::level, Finding::watched)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Level.WARN, SESSIONS),
            org.assertj.core.groups.Tuple.tuple(Level.ERROR, BEACONS),
            org.assertj.core.groups.Tuple.tuple(Level.WARN, BEACONS));
    assertThat(first.findings().get(0).message()).contains("Pinot is unreachable");
    assertThat(first.findings().get(1).message()).contains("lost 30 records unread");

    LagRound.Result second = round.run();
    assertThat(second.findings())
        .extracting(Finding::level, Finding::watched)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Level.WARN, SESSIONS),
            org.assertj.core.groups.Tuple.tuple(Level.WARN, BEACONS));
    assertThat(metrics.render())
        .contains(
            "qoe_lag_lost_records_total{consumer=\"qoe-pipeline-beacons\",kind=\"kafka-group\","
                + "topic=\"qoe.beacons.v1\"} 30.0")
        .contains(
            "qoe_lag_measurement_failures_total{consumer=\"qoe_sessions\",kind=\"pinot-table\","
                + "topic=\"qoe.sessions.v1\"} 2.0");
  }
}
