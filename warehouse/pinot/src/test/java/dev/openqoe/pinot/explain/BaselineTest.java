package dev.openqoe.pinot.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.pinot.drill.TimeRange;
import org.junit.jupiter.api.Test;

class BaselineTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final TimeRange LAST_30_MIN = TimeRange.since(NOW - 1_800_000);

  @Test
  void autoComparesWithTheSameHoursLastWeekWhenPinotHoldsEnoughOfThem() {
    Baseline baseline = Baseline.choose(BaselineChoice.AUTO, LAST_30_MIN, NOW, 100);

    assertThat(baseline.kind()).isEqualTo("last-week");
    assertThat(baseline.range())
        .isEqualTo(
            new TimeRange(NOW - 1_800_000 - Baseline.WEEK_MILLIS, NOW - Baseline.WEEK_MILLIS));
    assertThat(baseline.reason()).contains("weekly rhythm");
  }

  @Test
  void otherwiseWithTheWindowJustBeforeAndSaysWhy() {
    Baseline baseline = Baseline.choose(BaselineChoice.AUTO, LAST_30_MIN, NOW, 12);

    assertThat(baseline.kind()).isEqualTo("previous-window");
    assertThat(baseline.range()).isEqualTo(new TimeRange(NOW - 3_600_000, NOW - 1_800_000));
    assertThat(baseline.reason()).contains("Pinot holds 12 of the metric's sessions");
  }

  @Test
  void anExplicitChoiceIsKeptAndAnUnknownOneRefused() {
    assertThat(Baseline.choose(BaselineChoice.LAST_WEEK, LAST_30_MIN, NOW, 0).kind())
        .isEqualTo("last-week");
    assertThat(Baseline.choose(BaselineChoice.PREVIOUS_WINDOW, LAST_30_MIN, NOW, 10_000).kind())
        .isEqualTo("previous-window");
    assertThatThrownBy(() -> BaselineChoice.of("yesterday"))
        .hasMessage("unknown baseline 'yesterday'; valid: auto, last-week, previous-window");
  }
}
