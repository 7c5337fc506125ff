package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicLagTest {

  private static final WatchedTopic BEACONS =
      WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1");
  private static final long NOW = 1_000_000;

  @Test
  void theLagIsTheWorstPartitionsAgeAndTheRecordsOfAll() {
    TopicLag lag =
        new TopicLag(
            BEACONS,
            List.of(
                new PartitionLag(0, 90, 0, 100, NOW - 4_000),
                new PartitionLag(1, 50, 0, 80, NOW - 12_500),
                new PartitionLag(2, 70, 0, 70, PartitionLag.NONE)),
            60_000,
            NOW);

    assertThat(lag.lagSeconds()).isEqualTo(12.5);
    assertThat(lag.lagRecords()).isEqualTo(10 + 30);
    assertThat(lag.retentionSeconds()).isEqualTo(60);
    assertThat(lag.headroomSeconds()).isEqualTo(47.5);
    assertThat(lag.deletedUnread()).isZero();
  }

  @Test
  void recordsDeletedBelowThePositionWereNeverReadAndAreNotUnreadAnyMore() {
    // Committed at 10, the log now starts at 40: offsets 10-39 went unread.
    PartitionLag partition = new PartitionLag(0, 10, 40, 100, NOW - 1_000);

    assertThat(partition.deletedUnread()).isEqualTo(30);
    assertThat(partition.firstUnread()).isEqualTo(40);
    assertThat(partition.unreadRecords()).isEqualTo(60);
  }

  @Test
  void aGroupWithoutACommitReadsFromTheLogStartAndHasLostNothing() {
    PartitionLag partition = new PartitionLag(0, PartitionLag.NONE, 40, 100, NOW - 7_000);

    assertThat(partition.deletedUnread()).isZero();
    assertThat(partition.unreadRecords()).isEqualTo(60);
    assertThat(partition.lagSeconds(NOW)).isEqualTo(7);
  }

  @Test
  void aConsumerThatReadEverythingHasNoLagWhateverTheLastTimestamp() {
    PartitionLag partition = new PartitionLag(0, 100, 40, 100, NOW - 7_000);

    assertThat(partition.lagSeconds(NOW)).isZero();
    assertThat(partition.unreadRecords()).isZero();
  }

  @Test
  void aTopicKeptForeverHasInfiniteRetentionAndHeadroom() {
    TopicLag lag =
        new TopicLag(BEACONS, List.of(new PartitionLag(0, 0, 0, 5, NOW - 3_600_000)), -1, NOW);

    assertThat(lag.keepsForever()).isTrue();
    assertThat(lag.retentionSeconds()).isInfinite();
    assertThat(lag.headroomSeconds()).isInfinite();
  }
}
