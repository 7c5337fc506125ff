package dev.openqoe.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SliMinutesTest {

  private static final long T0 = 1_764_928_800_000L;

  @Test
  void aWindowIsTheWholeMinutesBeforeNowAndALateRowLandsInItsMinute() {
    SliMinutes sli = new SliMinutes(Duration.ofHours(1));
    sli.add(T0 + 10, 10, 1);
    sli.add(T0 + 60_000, 10, 9); // the next minute
    sli.add(T0 + 59_999, 10, 0); // late, for the first minute

    assertThat(sli.errorRatio(T0 + 60_000, Duration.ofMinutes(5))).isEqualTo(1 / 20.0);
    assertThat(sli.errorRatio(T0 + 90_000, Duration.ofMinutes(5)))
        .as("the minute in progress does not count yet")
        .isEqualTo(1 / 20.0);
    assertThat(sli.errorRatio(T0 + 120_000, Duration.ofMinutes(1))).isEqualTo(0.9);
    assertThat(sli.errorRatio(T0 + 120_000, Duration.ofMinutes(2))).isEqualTo(10 / 30.0);
    assertThat(sli.errorRatio(T0 + 3_600_000, Duration.ofMinutes(5))).isZero();
    assertThat(sli.events(T0 + 120_000, Duration.ofMinutes(2))).isEqualTo(30);
    assertThat(sli.events(T0 + 120_000, Duration.ofMinutes(1))).isEqualTo(10);
  }

  @Test
  void forgetsMinutesOlderThanTheLongestWindow() {
    SliMinutes sli = new SliMinutes(Duration.ofMinutes(10));
    for (int minute = 0; minute < 30; minute++) {
      sli.add(T0 + minute * 60_000L, 1, 1);
    }
    assertThat(sli.minutes()).isEqualTo(11);
    assertThat(sli.errorRatio(T0 + 30 * 60_000L, Duration.ofMinutes(10))).isEqualTo(1.0);
  }

  @Test
  void refusesMoreBadEventsThanEvents() {
    SliMinutes sli = new SliMinutes(Duration.ofHours(1));
    assertThatThrownBy(() -> sli.add(T0, 1, 2)).hasMessageContaining("0 to 1");
  }
}
