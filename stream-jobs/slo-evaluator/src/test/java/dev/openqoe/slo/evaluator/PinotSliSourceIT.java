package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SloDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Pinot source's counts on the shared Pinot (its generated sessions) equal the same counts made
 * here from the rows, with the SLI definitions of stream-jobs/session-model/README.md: per minute
 * of ended_at and slice, only the SLO's property, filters and time range.
 */
class PinotSliSourceIT {

  private static final long MINUTE = 60_000;

  private final SharedPinot shared = SharedPinot.get();
  private final PinotSliSource source = new PinotSliSource(shared.broker());

  /** Every generated session ended in the hour before the rows were generated. */
  private final long to = (shared.generatedAt() / MINUTE + 1) * MINUTE;

  private final long from = to - Duration.ofHours(3).toMillis();

  @ParameterizedTest
  @EnumSource(Sli.class)
  void eachSlisGoodAndTotalEventsPerMinuteAndCdnAreThoseOfTheRows(Sli sli) {
    SloDefinition slo = slo(sli, Map.of(), List.of("cdn"));

    Map<String, List<Long>> counts = keyed(source.counts(slo, from, to));

    assertThat(counts).isNotEmpty().isEqualTo(expected(slo, from, to));
    assertThat(counts.values()).anySatisfy(c -> assertThat(c.get(0)).isLessThan(c.get(1)));
  }

  @Test
  void keepsOnlyTheFilteredSessionsAndTheMinutesOfTheRange() {
    SloDefinition slo =
        slo(Sli.START_SUCCESS, Map.of("country", List.of("BR", "DE")), List.of("device_type"));
    long laterFrom = firstMinute() + 10 * MINUTE;

    Map<String, List<Long>> counts = keyed(source.counts(slo, laterFrom, to));

    assertThat(counts).isNotEmpty().isEqualTo(expected(slo, laterFrom, to));
    assertThat(counts.keySet())
        .allSatisfy(key -> assertThat(minute(key)).isGreaterThanOrEqualTo(laterFrom));
  }

  @Test
  void aPropertyWithoutSessionsHasNoCounts() {
    SloDefinition slo =
        new SloDefinition(
            "s",
            "no-such-property",
            Sli.EBVS,
            Optional.empty(),
            0.9,
            Map.of(),
            List.of(),
            BurnRateRule.DEFAULTS);

    assertThat(source.counts(slo, from, to)).isEmpty();
  }

  private static SloDefinition slo(Sli sli, Map<String, List<String>> where, List<String> by) {
    return new SloDefinition(
        "s",
        "prop-0",
        sli,
        sli.needsThreshold() ? Optional.of(Duration.ofSeconds(2)) : Optional.empty(),
        0.99,
        where,
        by,
        BurnRateRule.DEFAULTS);
  }

  /** The counts made from the generated rows, keyed as {@link #keyed}. */
  private Map<String, List<Long>> expected(SloDefinition slo, long from, long to) {
    Map<String, List<Long>> expected = new TreeMap<>();
    for (ObjectNode row : shared.rows().sessions()) {
      long endedAt = row.get("ended_at").asLong();
      if (!row.get("property_id").asText().equals(slo.property())
          || endedAt < from
          || endedAt >= to
          || !kept(slo, row)
          || !counted(slo.sli(), row)) {
        continue;
      }
      List<String> slice = new ArrayList<>();
      slo.by().forEach(dimension -> slice.add(dimension + "=" + text(row.get(dimension))));
      String key = endedAt / MINUTE * MINUTE + " " + String.join(",", slice);
      List<Long> counts = expected.computeIfAbsent(key, k -> new ArrayList<>(List.of(0L, 0L)));
      long[] event = event(slo, row);
      counts.set(0, counts.get(0) + event[0]);
      counts.set(1, counts.get(1) + event[1]);
    }
    return expected;
  }

  private static boolean kept(SloDefinition slo, ObjectNode row) {
    return slo.where().entrySet().stream()
        .allMatch(filter -> filter.getValue().contains(text(row.get(filter.getKey()))));
  }

  /** Whether the session is among the SLI's events (its population). */
  private static boolean counted(Sli sli, ObjectNode row) {
    boolean attempt = row.path("attempt").asBoolean(false);
    boolean started = "started".equals(row.path("startup_outcome").asText(null));
    return switch (sli) {
      case START_SUCCESS, EBVS -> attempt;
      case STARTUP_TIME -> started && !row.path("vst_ms").isNull() && row.has("vst_ms");
      case PLAYBACK_SUCCESS -> started;
      case REBUFFER -> true;
    };
  }

  /** The session's good and total events. */
  private static long[] event(SloDefinition slo, ObjectNode row) {
    String outcome = row.path("startup_outcome").asText("");
    return switch (slo.sli()) {
      case START_SUCCESS -> new long[] {outcome.equals("vsf") ? 0 : 1, 1};
      case EBVS -> new long[] {outcome.equals("ebvs") ? 0 : 1, 1};
      case STARTUP_TIME ->
          new long[] {
            row.get("vst_ms").asLong() < slo.threshold().orElseThrow().toMillis() ? 1 : 0, 1
          };
      case PLAYBACK_SUCCESS -> new long[] {row.path("vpf").asBoolean(false) ? 0 : 1, 1};
      case REBUFFER -> {
        long play = row.path("play_ms").asLong();
        yield new long[] {play, play + row.path("rebuffer_ms").asLong()};
      }
    };
  }

  /** A dimension as Pinot holds it: a missing string is "null". */
  private static String text(JsonNode value) {
    return value == null || value.isNull() ? "null" : value.asText();
  }

  private static Map<String, List<Long>> keyed(List<SliCount> counts) {
    Map<String, List<Long>> keyed = new TreeMap<>();
    for (SliCount count : counts) {
      keyed.put(count.minute() + " " + count.slice().text(), List.of(count.good(), count.total()));
    }
    return keyed;
  }

  private static long minute(String key) {
    return Long.parseLong(key.substring(0, key.indexOf(' ')));
  }

  private long firstMinute() {
    return shared.rows().sessions().stream()
            .mapToLong(row -> row.get("ended_at").asLong())
            .min()
            .orElseThrow()
        / MINUTE
        * MINUTE;
  }
}
