package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatchedConsumersTest {

  @Test
  void aSpecNamesTheConsumerAndEachTopic() {
    assertThat(
            WatchedConsumers.parse(
                ConsumerKind.KAFKA_GROUP, "qoe-pipeline-ops-raw=qoe.ops.raw.cdn, qoe.ops.raw.drm"))
        .containsExactly(
            WatchedTopic.group("qoe-pipeline-ops-raw", "qoe.ops.raw.cdn"),
            WatchedTopic.group("qoe-pipeline-ops-raw", "qoe.ops.raw.drm"));
  }

  @Test
  void aSpecWithoutATopicIsRefusedWithTheFormExpected() {
    assertThatThrownBy(
            () -> WatchedConsumers.parse(ConsumerKind.KAFKA_GROUP, "qoe-pipeline-beacons"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NAME=TOPIC");
    assertThatThrownBy(() -> WatchedConsumers.parse(ConsumerKind.PINOT_TABLE, "qoe_sessions=a,,b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty topic");
  }

  @Test
  void theDefaultsAreThePipelinesBeaconGroupAndEveryPinotTableOnItsTopic() {
    assertThat(WatchedConsumers.pipelineGroups())
        .contains(WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1"))
        .allSatisfy(watched -> assertThat(watched.consumer()).startsWith("qoe-pipeline-"));
    assertThat(WatchedConsumers.pinotTables())
        .contains(
            WatchedTopic.pinotTable("qoe_sessions", "qoe.sessions.v1"),
            WatchedTopic.pinotTable("qoe_intervals", "qoe.intervals.v1"));
  }
}
