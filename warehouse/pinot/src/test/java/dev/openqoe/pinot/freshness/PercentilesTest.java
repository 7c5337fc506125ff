package dev.openqoe.pinot.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankTakesTheSmallestValueCoveringThePercentage() {
    List<Long> twenty = java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList();
    assertThat(Percentiles.nearestRank(twenty, 50)).isEqualTo(10);
    assertThat(Percentiles.nearestRank(twenty, 95)).isEqualTo(19);
    assertThat(Percentiles.nearestRank(twenty, 100)).isEqualTo(20);
    assertThat(Percentiles.nearestRank(List.of(700L, 300L, 500L), 50)).isEqualTo(500);
    assertThat(Percentiles.nearestRank(List.of(42L), 95)).isEqualTo(42);
  }

  @Test
  void thereIsNoPercentileOfNothing() {
    assertThatThrownBy(() -> Percentiles.nearestRank(List.of(), 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSummaryLineShowsSecondsAndTheProbeCount() {
    assertThat(FreshnessCommand.line("qoe_intervals", List.of(1200L, 800L, 3000L, 1000L)))
        .isEqualTo("qoe_intervals: 4 probes, p50 1.00 s, p95 3.00 s, max 3.00 s");
    assertThat(FreshnessCommand.line("qoe_sessions", List.of()))
        .isEqualTo("qoe_sessions: no rows arrived");
  }
}
