package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.lag.LossLedger.LostRange;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LossLedgerTest {

  private static final WatchedTopic BEACONS =
      WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1");

  private static TopicLag at(PartitionLag... partitions) {
    return new TopicLag(BEACONS, List.of(partitions), 1_000, 0);
  }

  @Test
  void aLossIsReportedOnceAndOnlyWhatWasDeletedSinceIsReportedLater() {
    LossLedger ledger = new LossLedger();

    assertThat(ledger.newlyLost(at(new PartitionLag(0, 10, 40, 100, -1))))
        .containsExactly(new LostRange(0, 10, 40));
    assertThat(ledger.newlyLost(at(new PartitionLag(0, 10, 40, 100, -1)))).isEmpty();
    assertThat(ledger.newlyLost(at(new PartitionLag(0, 10, 55, 120, -1))))
        .containsExactly(new LostRange(0, 40, 55));
  }

  @Test
  void aConsumerThatResumedAboveTheLogStartLosesNothingNew() {
    LossLedger ledger = new LossLedger();
    ledger.newlyLost(at(new PartitionLag(0, 10, 40, 100, -1)));

    assertThat(ledger.newlyLost(at(new PartitionLag(0, 60, 40, 100, -1)))).isEmpty();
    // and a later loss counts from its position, not from the old one
    assertThat(ledger.newlyLost(at(new PartitionLag(0, 60, 90, 130, -1))))
        .containsExactly(new LostRange(0, 60, 90));
  }

  @Test
  void partitionsAndConsumersAreCountedApart() {
    LossLedger ledger = new LossLedger();
    ledger.newlyLost(at(new PartitionLag(0, 10, 40, 100, -1)));

    assertThat(
            ledger.newlyLost(
                at(new PartitionLag(0, 10, 40, 100, -1), new PartitionLag(1, 0, 5, 9, -1))))
        .containsExactly(new LostRange(1, 0, 5));
    TopicLag pinot =
        new TopicLag(
            WatchedTopic.pinotTable("qoe_sessions", "qoe.beacons.v1"),
            List.of(new PartitionLag(0, 10, 40, 100, -1)),
            1_000,
            0);
    assertThat(ledger.newlyLost(pinot)).containsExactly(new LostRange(0, 10, 40));
  }

  @Test
  void theErrorSaysHowManyWereLostUnreadWhereAndWhatToDo() {
    Finding error =
        LossLedger.error(BEACONS, List.of(new LostRange(0, 10, 40), new LostRange(3, 0, 1_200)));

    assertThat(error.level()).isEqualTo(Level.ERROR);
    assertThat(error.message())
        .contains("consumer group qoe-pipeline-beacons on qoe.beacons.v1 lost 1,230 records unread")
        .contains("partition 0 offsets 10-39, partition 3 offsets 0-1199")
        .contains("replay them from their source")
        .contains("raise the retention of qoe.beacons.v1");
  }
}
