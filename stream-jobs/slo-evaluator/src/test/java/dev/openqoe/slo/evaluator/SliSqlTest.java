package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SloDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SliSqlTest {

  private static final String MINUTE =
      "DATETIMECONVERT(ended_at, '1:MILLISECONDS:EPOCH', '1:MILLISECONDS:EPOCH', '1:MINUTES')";

  @Test
  void groupsGoodAndTotalEventsByMinuteAndSliceOverTheSlosSessions() {
    SloDefinition slo =
        slo(
            Sli.START_SUCCESS,
            Optional.empty(),
            Map.of("country", List.of("BR", "D'Ivoire")),
            List.of("cdn", "os"));

    assertThat(SliSql.query(slo, 1_000, 2_000))
        .isEqualTo(
            "SELECT "
                + MINUTE
                + " AS minute_start, cdn, os,"
                + " SUM(CASE WHEN startup_outcome = 'vsf' THEN 0 ELSE 1 END) AS good_events,"
                + " COUNT(*) AS total_events FROM qoe_sessions"
                + " WHERE property_id = 'dev' AND ended_at >= 1000 AND ended_at < 2000"
                + " AND attempt = true AND country IN ('BR', 'D''Ivoire')"
                + " GROUP BY "
                + MINUTE
                + ", cdn, os LIMIT 1000000");
  }

  @Test
  void eachSliCountsItsOwnPopulationAndGoodEvents() {
    assertThat(SliSql.query(slo(Sli.EBVS, Optional.empty(), Map.of(), List.of()), 0, 1))
        .contains("SUM(CASE WHEN startup_outcome = 'ebvs' THEN 0 ELSE 1 END) AS good_events")
        .contains("COUNT(*) AS total_events")
        .contains("AND attempt = true GROUP BY");
    assertThat(
            SliSql.query(
                slo(Sli.STARTUP_TIME, Optional.of(Duration.ofSeconds(2)), Map.of(), List.of()),
                0,
                1))
        .contains("SUM(CASE WHEN vst_ms < 2000 THEN 1 ELSE 0 END) AS good_events")
        .contains("AND startup_outcome = 'started' AND vst_ms >= 0 GROUP BY");
    assertThat(SliSql.query(slo(Sli.REBUFFER, Optional.empty(), Map.of(), List.of()), 0, 1))
        .contains("SUM(play_ms) AS good_events, SUM(play_ms + rebuffer_ms) AS total_events")
        .contains("ended_at < 1 GROUP BY");
    assertThat(SliSql.query(slo(Sli.PLAYBACK_SUCCESS, Optional.empty(), Map.of(), List.of()), 0, 1))
        .contains("SUM(CASE WHEN vpf = true THEN 0 ELSE 1 END) AS good_events")
        .contains("AND startup_outcome = 'started' GROUP BY");
  }

  @Test
  void numericDimensionsAreComparedAsNumbers() {
    assertThat(
            SliSql.query(
                slo(Sli.EBVS, Optional.empty(), Map.of("asn", List.of("7922")), List.of()), 0, 1))
        .contains("asn IN (7922)");
  }

  private static SloDefinition slo(
      Sli sli, Optional<Duration> threshold, Map<String, List<String>> where, List<String> by) {
    return new SloDefinition("s", "dev", sli, threshold, 0.99, where, by, BurnRateRule.DEFAULTS);
  }
}
