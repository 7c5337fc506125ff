package dev.openqoe.pinot.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.pinot.drill.SliceMeasure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SliceFinderTest {

  /**
   * Sessions spread evenly over every combination of three dimensions' values, 1,000 per cell, each
   * cell failing at the rate {@code rate} gives it.
   */
  private record Population(
      Map<String, List<String>> values,
      Predicate<Map<String, String>> exists,
      ToDoubleFunction<Map<String, String>> rate) {

    Population(Map<String, List<String>> values, ToDoubleFunction<Map<String, String>> rate) {
      this(values, cell -> true, rate);
    }

    List<Map<String, String>> cells() {
      List<Map<String, String>> cells = new ArrayList<>();
      cells.add(Map.of());
      for (var dimension : values.entrySet()) {
        List<Map<String, String>> more = new ArrayList<>();
        for (Map<String, String> cell : cells) {
          for (String value : dimension.getValue()) {
            Map<String, String> next = new LinkedHashMap<>(cell);
            next.put(dimension.getKey(), value);
            more.add(next);
          }
        }
        cells = more;
      }
      return cells.stream().filter(exists).toList();
    }

    SliceMeasure measure(Map<String, String> dimensions, Map<String, String> within) {
      double failed = 0;
      long sessions = 0;
      for (Map<String, String> cell : cells()) {
        boolean inside =
            within.entrySet().stream().allMatch(e -> e.getValue().equals(cell.get(e.getKey())))
                && dimensions.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(cell.get(e.getKey())));
        if (inside) {
          failed += 1000 * rate.applyAsDouble(cell);
          sessions += 1000;
        }
      }
      return new SliceMeasure(
          dimensions, sessions == 0 ? null : failed / sessions, sessions, sessions);
    }

    SliceMeasure overall() {
      return measure(Map.of(), Map.of());
    }

    SliceFinder.Breakdown breakdown(List<Map<String, String>> asked) {
      return (dimensions, within) -> {
        asked.add(within);
        Map<String, List<SliceMeasure>> groups = new LinkedHashMap<>();
        for (String dimension : dimensions) {
          groups.put(
              dimension,
              values.get(dimension).stream()
                  .map(value -> measure(Map.of(dimension, value), within))
                  .toList());
        }
        return groups;
      };
    }

    List<SliceFinder.Found> find(int limit, List<Map<String, String>> asked) {
      return SliceFinder.find(
          breakdown(asked), List.copyOf(values.keySet()), overall(), true, true, limit);
    }
  }

  /** Fastly fails 40 % in BR only; shaka fails 10 % everywhere; the rest 2 %. */
  private static final Population CDN_IN_ONE_COUNTRY =
      new Population(
          Map.of(
              "cdn", List.of("fastly", "akamai"),
              "country", List.of("BR", "US"),
              "player_name", List.of("shaka", "hls.js")),
          cell ->
              0.02
                  + (cell.get("cdn").equals("fastly") && cell.get("country").equals("BR") ? 0.4 : 0)
                  + (cell.get("player_name").equals("shaka") ? 0.1 : 0));

  @Test
  void anIncidentOnOneCdnInOneCountryIsFoundAsThatPairAndItsCountryIsNotListedAgain() {
    List<SliceFinder.Found> found = CDN_IN_ONE_COUNTRY.find(3, new ArrayList<>());

    assertThat(found)
        .extracting(SliceFinder.Found::dimensions)
        .containsExactly(Map.of("cdn", "fastly", "country", "BR"), Map.of("player_name", "shaka"));
    SliceFinder.Found pair = found.get(0);
    assertThat(pair.measure().sessions()).isEqualTo(2000);
    assertThat(pair.measure().value()).isEqualTo(0.47, Offset.offset(1e-9));
    assertThat(found.get(1).share()).isGreaterThan(0.9);
  }

  @Test
  void twoIncidentsSharingABroadSliceAreEachListedAfterIt() {
    // On mobile only: asset a fails 50 % more, and version 1.4.1 40 % more; nothing else fails.
    Population mobileOnly =
        new Population(
            Map.of(
                "device_type", List.of("mobile", "desktop"),
                "asset_id", List.of("a", "b", "c", "d"),
                "player_version", List.of("1.4.1", "2.0", "2.1")),
            cell -> {
              boolean mobile = cell.get("device_type").equals("mobile");
              return 0.02
                  + (mobile && cell.get("asset_id").equals("a") ? 0.5 : 0)
                  + (mobile && cell.get("player_version").equals("1.4.1") ? 0.4 : 0);
            });

    assertThat(mobileOnly.find(3, new ArrayList<>()))
        .extracting(SliceFinder.Found::dimensions)
        .containsExactly(
            Map.of("device_type", "mobile"),
            Map.of("asset_id", "a", "device_type", "mobile"),
            Map.of("player_version", "1.4.1", "device_type", "mobile"));
  }

  @Test
  void valuesThatHoldExactlyTheSlicesSessionsAreNamedWithIt() {
    // Version 1.4.1 is the only one on Android, and fails 30 % more.
    Population population =
        new Population(
            Map.of(
                "os", List.of("Android", "iOS"),
                "player_version", List.of("1.4.1", "17.6"),
                "cdn", List.of("fastly", "akamai")),
            cell -> cell.get("os").equals("Android") == cell.get("player_version").equals("1.4.1"),
            cell -> 0.02 + (cell.get("player_version").equals("1.4.1") ? 0.3 : 0));

    List<SliceFinder.Found> found = population.find(3, new ArrayList<>());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).dimensions()).hasSize(1);
    Map<String, String> named = new LinkedHashMap<>(found.get(0).dimensions());
    named.putAll(found.get(0).sameSessions());
    assertThat(named).isEqualTo(Map.of("os", "Android", "player_version", "1.4.1"));
  }

  @Test
  void theLimitBoundsTheSlicesAndTheirQueries() {
    List<Map<String, String>> asked = new ArrayList<>();

    assertThat(CDN_IN_ONE_COUNTRY.find(1, asked)).hasSize(1);
    assertThat(asked).as("the breakdowns: all, within fastly, within fastly in BR").hasSize(3);
  }

  @Test
  void nothingWorseThanTheWholeFindsNothing() {
    Population even = new Population(Map.of("cdn", List.of("fastly", "akamai")), cell -> 0.02);

    assertThat(even.find(3, new ArrayList<>())).isEmpty();
  }
}
