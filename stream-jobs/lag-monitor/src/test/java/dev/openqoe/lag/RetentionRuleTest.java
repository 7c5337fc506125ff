package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class RetentionRuleTest {

  private static final WatchedTopic BEACONS =
      WatchedTopic.group("qoe-pipeline-beacons", "qoe.beacons.v1");
  private static final long NOW = 10_000_000;
  private static final long HOUR = 3_600_000;

  private static TopicLag lagged(long lagMillis, long retentionMs) {
    return new TopicLag(
        BEACONS, List.of(new PartitionLag(0, 10, 0, 1_010, NOW - lagMillis)), retentionMs, NOW);
  }

  @Test
  void aLagAboveTheShareOfTheRetentionIsAtRiskAndAtOrBelowItIsNot() {
    RetentionRule half = new RetentionRule(0.5);

    assertThat(half.atRisk(lagged(36 * HOUR + 1_000, 72 * HOUR))).isTrue();
    assertThat(half.atRisk(lagged(36 * HOUR, 72 * HOUR))).isFalse();
    assertThat(half.atRisk(lagged(HOUR, 72 * HOUR))).isFalse();
  }

  @Test
  void aTopicKeptForeverIsNeverAtRisk() {
    assertThat(new RetentionRule(0.01).atRisk(lagged(1_000 * HOUR, -1))).isFalse();
  }

  @Test
  void theWarningNamesTheConsumerTopicLagRetentionAndWhatToDo() {
    RetentionRule half = new RetentionRule(0.5);
    Finding warning = half.warning(lagged(40 * HOUR, 72 * HOUR));

    assertThat(warning.level()).isEqualTo(Level.WARN);
    assertThat(warning.watched()).isEqualTo(BEACONS);
    assertThat(warning.message())
        .contains("qoe-pipeline-beacons")
        .contains("qoe.beacons.v1")
        .contains("40.0 h behind")
        .contains("1,000 records unread")
        .contains("50 %")
        .contains("retention of 3.0 d")
        .contains("32.0 h of headroom")
        .contains("retention.ms");
  }

  @Test
  void sharesAreReadAsPercentOrFraction() {
    assertThat(RetentionRule.parse("50%").share()).isEqualTo(0.5);
    assertThat(RetentionRule.parse(" 80 % ").share()).isEqualTo(0.8);
    assertThat(RetentionRule.parse("0.25").share()).isEqualTo(0.25);
  }

  @Test
  void aShareOutsideZeroToAllOrNotANumberIsRefusedWithTheReason() {
    assertThatThrownBy(() -> RetentionRule.parse("0%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above 0 %");
    assertThatThrownBy(() -> RetentionRule.parse("150%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 100 %");
    assertThatThrownBy(() -> RetentionRule.parse("half"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'half'");
  }
}
