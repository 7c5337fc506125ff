package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.ResultTable;
import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SliMinutes;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pinot's rows of hand-made minutes read into each slice's SLI minutes. */
class PinotSliSourceTest {

  private static final long T0 = 1_764_928_800_000L;
  private static final long MINUTE = 60_000;

  @Test
  void eachRowIsASlicesMinuteAndSumsComeAsDecimals() {
    SloDefinition slo = slo(Sli.START_SUCCESS, List.of("cdn", "asn"));
    ResultTable table =
        table(
            List.of("minute_start", "cdn", "asn", "good_events", "total_events"),
            List.of(
                row(T0, "\"fastly\"", "7922", "95.0", "100"),
                row(T0 + MINUTE, "\"fastly\"", "7922", "90.0", "100"),
                row(T0, "\"akamai\"", "3320", "10.0", "10")));

    List<SliCount> counts = PinotSliSource.read(slo, table);

    Slice fastly = new Slice(linked("cdn", "fastly", "asn", "7922"));
    assertThat(counts)
        .containsExactly(
            new SliCount(fastly, T0, 95, 100),
            new SliCount(fastly, T0 + MINUTE, 90, 100),
            new SliCount(new Slice(linked("cdn", "akamai", "asn", "3320")), T0, 10, 10));
    Map<Slice, SliMinutes> minutes = SlicedMinutes.of(counts, Duration.ofHours(1));
    assertThat(minutes.get(fastly).errorRatio(T0 + 2 * MINUTE, Duration.ofMinutes(2)))
        .isCloseTo(15 / 200.0, within(1e-12));
    assertThat(minutes.get(fastly).errorRatio(T0 + 2 * MINUTE, Duration.ofMinutes(1)))
        .isCloseTo(0.1, within(1e-12));
  }

  @Test
  void rebufferingIsTimeBased() {
    // Two minutes of watch time: 2 s of 100 s rebuffering, then 18 s of 300 s.
    ResultTable table =
        table(
            List.of("minute_start", "good_events", "total_events"),
            List.of(row(T0, "98000.0", "100000.0"), row(T0 + MINUTE, "282000.0", "300000.0")));

    Map<Slice, SliMinutes> minutes =
        SlicedMinutes.of(
            PinotSliSource.read(slo(Sli.REBUFFER, List.of()), table), Duration.ofHours(1));

    assertThat(minutes).containsOnlyKeys(Slice.WHOLE);
    assertThat(minutes.get(Slice.WHOLE).errorRatio(T0 + 2 * MINUTE, Duration.ofMinutes(2)))
        .as("RBR: rebuffer time over watch time, not a mean of the minutes' 2 % and 6 %")
        .isCloseTo(20_000 / 400_000.0, within(1e-12));
  }

  private static SloDefinition slo(Sli sli, List<String> by) {
    return new SloDefinition(
        "s", "dev", sli, Optional.empty(), 0.99, Map.of(), by, BurnRateRule.DEFAULTS);
  }

  private static Map<String, String> linked(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static ResultTable table(List<String> columns, List<List<JsonNode>> rows) {
    return new ResultTable(columns, rows);
  }

  private static List<JsonNode> row(long minute, String... values) {
    try {
      List<JsonNode> row = new ArrayList<>();
      row.add(AlertJson.JSON.readTree(Long.toString(minute)));
      for (String value : values) {
        row.add(AlertJson.JSON.readTree(value));
      }
      return row;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
