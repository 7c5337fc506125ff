package dev.openqoe.pinot.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.pinot.drill.SliceMeasure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceFinderTest {

  /**
   * 8,000 attempts: cdn {fastly, akamai} x country {BR, US} x player {shaka, hls.js}, 1,000 each.
   * Fastly fails 40 % in BR only; shaka fails 10 % everywhere; the rest 2 %.
   */
  private static double failureRate(String cdn, String country, String player) {
    double rate = 0.02;
    if (cdn.equals("fastly") && country.equals("BR")) {
      rate += 0.4;
    }
    if (player.equals("shaka")) {
      rate += 0.1;
    }
    return rate;
  }

  private static final Map<String, List<String>> VALUES =
      Map.of(
          "cdn", List.of("fastly", "akamai"),
          "country", List.of("BR", "US"),
          "player_name", List.of("shaka", "hls.js"));

  private final List<Map<String, String>> asked = new ArrayList<>();

  private final SliceFinder.Breakdown breakdown =
      (dimensions, within) -> {
        asked.add(within);
        Map<String, List<SliceMeasure>> groups = new LinkedHashMap<>();
        for (String dimension : dimensions) {
          List<SliceMeasure> measures = new ArrayList<>();
          for (String value : VALUES.get(dimension)) {
            double failed = 0;
            long sessions = 0;
            for (String cdn : VALUES.get("cdn")) {
              for (String country : VALUES.get("country")) {
                for (String player : VALUES.get("player_name")) {
                  Map<String, String> cell =
                      Map.of("cdn", cdn, "country", country, "player_name", player);
                  boolean inside =
                      cell.get(dimension).equals(value)
                          && within.entrySet().stream()
                              .allMatch(entry -> cell.get(entry.getKey()).equals(entry.getValue()));
                  if (inside) {
                    failed += 1000 * failureRate(cdn, country, player);
                    sessions += 1000;
                  }
                }
              }
            }
            measures.add(
                new SliceMeasure(Map.of(dimension, value), failed / sessions, sessions, sessions));
          }
          groups.put(dimension, measures);
        }
        return groups;
      };

  private static SliceMeasure overall() {
    return new SliceMeasure(Map.of(), (0.02 * 8000 + 0.4 * 2000 + 0.1 * 4000) / 8000, 8000, 8000);
  }

  @Test
  void anIncidentOnOneCdnInOneCountryIsFoundAsThatPairAndItsCountryIsNotListedAgain() {
    List<SliceFinder.Found> found =
        SliceFinder.find(
            breakdown, List.of("cdn", "country", "player_name"), overall(), true, true, 3);

    assertThat(found)
        .extracting(SliceFinder.Found::dimensions)
        .containsExactly(Map.of("cdn", "fastly", "country", "BR"), Map.of("player_name", "shaka"));
    SliceFinder.Found pair = found.get(0);
    assertThat(pair.measure().sessions()).isEqualTo(2000);
    assertThat(pair.measure().value()).isEqualTo(0.47, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(found.get(1).share()).isGreaterThan(0.9);
  }

  @Test
  void theLimitBoundsTheSlicesAndTheirQueries() {
    List<SliceFinder.Found> found =
        SliceFinder.find(
            breakdown, List.of("cdn", "country", "player_name"), overall(), true, true, 1);

    assertThat(found).hasSize(1);
    assertThat(asked).as("the breakdowns: all, within fastly, within fastly in BR").hasSize(3);
  }

  @Test
  void nothingWorseThanTheWholeFindsNothing() {
    assertThat(
            SliceFinder.find(
                breakdown,
                List.of("cdn"),
                new SliceMeasure(Map.of(), 0.99, 8000, 8000),
                true,
                true,
                3))
        .isEmpty();
  }
}
