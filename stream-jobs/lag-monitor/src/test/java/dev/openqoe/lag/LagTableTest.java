package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagTableTest {

  @Test
  void oneRowPerConsumerAndTopicWithItsState() {
    long now = 1_000_000;
    String table =
        LagTable.render(
            List.of(
                new TopicLag(
                    WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1"),
                    List.of(new PartitionLag(0, 90, 0, 100, now - 2_500)),
                    259_200_000,
                    now),
                new TopicLag(
                    WatchedTopic.pinotTable("qoe_sessions", "qoe.sessions.v1"),
                    List.of(new PartitionLag(0, 10, 40, 100, now - 3_000)),
                    4_000,
                    now)),
            new RetentionRule(0.5));

    assertThat(table.lines().toList())
        .containsExactly(
            "consumer              kind         topic            lag s  lag records  retention"
                + "  headroom  state",
            "qoe-pipeline-beacons  kafka-group  qoe.beacons.v1     2.5           10      3.0 d"
                + "     3.0 d  ok",
            "qoe_sessions          pinot-table  qoe.sessions.v1    3.0           60      4.0 s"
                + "     1.0 s  LOST 30 unread");
  }
}
