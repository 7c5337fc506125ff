package dev.openqoe.drillbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillSql;
import dev.openqoe.pinot.drill.TimeRange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarehouseQuestionTest {

  @Test
  void aDrillQueryAsksFlinkTheSameQuestionOnTheWarehouseTables() {
    String pinot =
        DrillSql.grouped(
            DrillMetric.VST_P95,
            List.of("cdn", "asn"),
            Map.of("country", List.of("BR")),
            TimeRange.since(1_796_470_080_000L));

    assertThat(WarehouseQuestion.translate(pinot, FlinkSqlEngine.DIALECT))
        .isEqualTo(
            "SELECT cdn, asn, PERCENTILE(vst_ms, 0.95) AS metric_numerator, COUNT(*) AS"
                + " metric_denominator, COUNT(*) AS session_count FROM dwd.sessions WHERE ended_at"
                + " >= TO_TIMESTAMP_LTZ(1796470080000, 3) AND startup_outcome = 'started' AND"
                + " vst_ms >= 0 AND country IN ('BR') GROUP BY cdn, asn LIMIT 100000");
  }

  @Test
  void dashboardMacrosBecomeTheEnginesMinutesInstantsAndQuotedNames() {
    String pinot =
        "SELECT DATETIMECONVERT(\"interval_start\", '1:MILLISECONDS:EPOCH',"
            + " '1:MILLISECONDS:EPOCH', '1:MINUTES') AS \"time\", DISTINCTCOUNT(session_id) AS"
            + " \"value\" FROM \"qoe_intervals\" WHERE \"interval_start\" >= 1000 AND"
            + " \"interval_start\" < 2000 GROUP BY DATETIMECONVERT(\"interval_start\","
            + " '1:MILLISECONDS:EPOCH', '1:MILLISECONDS:EPOCH', '1:MINUTES')";

    assertThat(WarehouseQuestion.translate(pinot, FlinkSqlEngine.DIALECT))
        .isEqualTo(
            "SELECT FLOOR(interval_start TO MINUTE) AS `time`, COUNT(DISTINCT session_id) AS"
                + " `value` FROM dwd.session_intervals WHERE interval_start >="
                + " TO_TIMESTAMP_LTZ(1000, 3) AND interval_start < TO_TIMESTAMP_LTZ(2000, 3)"
                + " GROUP BY FLOOR(interval_start TO MINUTE)");
  }

  @Test
  void pinotsTextForAnUnknownValueAlsoTakesTheWarehousesNull() {
    assertThat(
            WarehouseQuestion.translate(
                "SELECT COUNT(*) FROM qoe_sessions WHERE drm_system IN ('fairplay','null')"
                    + " AND region IN ('null') AND cdn IN ('fastly')",
                FlinkSqlEngine.DIALECT))
        .isEqualTo(
            "SELECT COUNT(*) FROM dwd.sessions WHERE (drm_system IN ('fairplay') OR drm_system IS"
                + " NULL) AND region IS NULL AND cdn IN ('fastly')");
  }

  @Test
  void aPinotFunctionWithoutAWarehouseFormIsRefused() {
    assertThatThrownBy(
            () ->
                WarehouseQuestion.translate(
                    "SELECT PERCENTILETDIGEST(vst_ms, 95) FROM qoe_sessions",
                    FlinkSqlEngine.DIALECT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PERCENTILETDIGEST");
  }

  @Test
  void aDashboardQueryAsksTrinoWithItsMinutesInstantsAndApproximatePercentile() {
    String pinot =
        "SELECT DATETIMECONVERT(\"interval_start\", '1:MILLISECONDS:EPOCH',"
            + " '1:MILLISECONDS:EPOCH', '1:MINUTES') AS \"time\", PERCENTILE(vst_ms, 95) AS"
            + " \"value\" FROM \"qoe_intervals\" WHERE \"interval_start\" >= 1796470080000"
            + " GROUP BY DATETIMECONVERT(\"interval_start\", '1:MILLISECONDS:EPOCH',"
            + " '1:MILLISECONDS:EPOCH', '1:MINUTES')";

    assertThat(WarehouseQuestion.translate(pinot, TrinoEngine.DIALECT))
        .isEqualTo(
            "SELECT date_trunc('minute', interval_start) AS \"time\", approx_percentile(vst_ms,"
                + " 0.95) AS \"value\" FROM dwd.session_intervals WHERE interval_start >="
                + " TIMESTAMP '2026-12-05 11:28:00.000 UTC' GROUP BY date_trunc('minute',"
                + " interval_start)");
  }

  @Test
  void pinotsIngestionDerivedColumnsBecomeTheirDefinitions() {
    String pinot =
        DrillSql.global(DrillMetric.AVG_BITRATE, Map.of(), TimeRange.since(1_796_470_080_000L));

    assertThat(WarehouseQuestion.translate(pinot, FlinkSqlEngine.DIALECT))
        .isEqualTo(
            "SELECT SUM(CASE WHEN avg_bitrate_kbps > 0 THEN avg_bitrate_kbps * play_ms ELSE 0"
                + " END) AS metric_numerator, SUM(play_ms) AS metric_denominator, COUNT(*) AS"
                + " session_count FROM dwd.sessions WHERE ended_at >="
                + " TO_TIMESTAMP_LTZ(1796470080000, 3) AND avg_bitrate_kbps > 0");
    assertThat(
            WarehouseQuestion.translate(
                "SELECT SUM(vsf_flag), SUM(ebvs_flag), SUM(vpf_flag) FROM qoe_sessions",
                FlinkSqlEngine.DIALECT))
        .isEqualTo(
            "SELECT SUM(CASE WHEN startup_outcome = 'vsf' THEN 1 ELSE 0 END), SUM(CASE WHEN"
                + " startup_outcome = 'ebvs' THEN 1 ELSE 0 END), SUM(CASE WHEN vpf = true THEN 1"
                + " ELSE 0 END) FROM dwd.sessions");
  }
}
