package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackfillRangeTest {

  private static final BackfillRange RANGE = BackfillRange.parse("2026-12-01", "2026-12-03");

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void theLastDayIsIncludedWholeInUtc() {
    assertThat(RANGE.startMillis()).isEqualTo(at("2026-12-01T00:00:00Z"));
    assertThat(RANGE.endMillis()).isEqualTo(at("2026-12-04T00:00:00Z"));
    assertThat(RANGE.contains(at("2026-12-03T23:59:59.999Z"))).isTrue();
    assertThat(RANGE.contains(at("2026-12-04T00:00:00Z"))).isFalse();
    assertThat(RANGE.contains(at("2026-11-30T23:59:59.999Z"))).isFalse();
  }

  @Test
  void oneDayRangesAreAllowed() {
    BackfillRange day = BackfillRange.parse("2026-12-02", "2026-12-02");
    assertThat(day.endMillis() - day.startMillis()).isEqualTo(Duration.ofDays(1).toMillis());
  }

  @Test
  void rawBeaconsAreReadWithAMarginOnEachSide() {
    Duration margin = Duration.ofSeconds(120);
    assertThat(RANGE.readFromMillis(margin)).isEqualTo(at("2026-11-30T23:58:00Z"));
    assertThat(RANGE.readToMillis(margin)).isEqualTo(at("2026-12-04T00:02:00Z"));
  }

  @Test
  void aSessionIsRecomputedOnlyWhenItStartedEndedAndClosedInside() {
    long start = at("2026-12-02T10:00:00Z");
    long end = at("2026-12-02T10:30:00Z");
    assertThat(RANGE.holdsWholly(start, end, end + 120_000)).isTrue();
    // started before the range: its first day's rows stay as the pipeline wrote them
    assertThat(RANGE.holdsWholly(at("2026-11-30T23:50:00Z"), at("2026-12-01T00:10:00Z"), end))
        .isFalse();
    // ended on the last day but closed by timeout after midnight: its DWS row is the next day's
    assertThat(
            RANGE.holdsWholly(
                at("2026-12-03T23:00:00Z"), at("2026-12-03T23:59:00Z"), at("2026-12-04T00:01:00Z")))
        .isFalse();
    // ended after the range
    assertThat(RANGE.holdsWholly(at("2026-12-03T23:50:00Z"), at("2026-12-04T00:20:00Z"), end))
        .isFalse();
  }

  @Test
  void badDatesSayWhatIsExpected() {
    assertThatThrownBy(() -> BackfillRange.parse("2026-13-01", "2026-12-03"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--from '2026-13-01' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01");
    assertThatThrownBy(() -> BackfillRange.parse("2026-12-01", "3.12.2026"))
        .hasMessageStartingWith("--to '3.12.2026' is not a date");
    assertThatThrownBy(() -> BackfillRange.parse("2026-12-03", "2026-12-01"))
        .hasMessage("--to 2026-12-01 is before --from 2026-12-03");
  }
}
