package dev.openqoe.pinot.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillSqlTest {

  @Test
  void groupsTheMetricsPopulationByTheDimensionsWithTheFilters() {
    DrillRequest request =
        new DrillRequest(
            DrillMetric.VSF,
            List.of("cdn", "country"),
            DrillRequest.parseWhere(List.of("country=BR", "country=US", "asn=7922", "os=it's")),
            Duration.ofMinutes(30),
            20);

    assertThat(DrillSql.grouped(request, 1_000))
        .isEqualTo(
            "SELECT cdn, country, SUM(vsf_flag) AS"
                + " metric_numerator, COUNT(*) AS metric_denominator, COUNT(*) AS session_count"
                + " FROM qoe_sessions WHERE ended_at >= 1000 AND attempt = true AND country IN"
                + " ('BR', 'US') AND asn IN (7922) AND os IN ('it''s') GROUP BY cdn, country"
                + " LIMIT 100000");
  }

  @Test
  void theGlobalQueryHasTheSameFiltersAndNoGroups() {
    DrillRequest request =
        new DrillRequest(
            DrillMetric.RBR, List.of("os"), java.util.Map.of(), Duration.ofHours(1), 5);

    assertThat(DrillSql.global(request, 42))
        .isEqualTo(
            "SELECT SUM(rebuffer_ms) AS metric_numerator, SUM(play_ms) + SUM(rebuffer_ms) AS"
                + " metric_denominator, COUNT(*) AS session_count FROM qoe_sessions WHERE"
                + " ended_at >= 42");
  }

  @Test
  void unknownNamesAreRefusedWithTheValidOnes() {
    assertThatThrownBy(() -> DrillMetric.of("vsf%"))
        .hasMessage(
            "unknown metric 'vsf%'; valid metrics: vsf, ebvs, vpf, rbr, vst_p95, avg_bitrate");
    assertThatThrownBy(() -> DrillRequest.parseBy("cdn,city").forEach(DrillDimension::check))
        .hasMessageStartingWith("unknown dimension 'city'; valid dimensions: cdn, country,");
    assertThatThrownBy(() -> DrillRequest.parseWhere(List.of("cdn")))
        .hasMessageContaining("dimension=value");
    assertThatThrownBy(
            () ->
                new DrillRequest(
                    DrillMetric.VSF,
                    List.of("cdn"),
                    DrillRequest.parseWhere(List.of("asn=1 OR 1=1")),
                    Duration.ofMinutes(1),
                    1))
        .hasMessageContaining("asn is a number");
  }
}
